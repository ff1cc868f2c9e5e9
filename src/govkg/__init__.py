"""govkg: a bilingual knowledge graph of Chinese government institutions and their duties."""

__version__ = "0.1.0"
__all__ = ["__version__"]
