"""Where an installed package lives and which version it is, found without importing it.

Why: importing pyoxigraph (its Rust library) or OpenCC costs milliseconds, and ``govkg who``
needs only pyoxigraph's version (part of the cache key) and OpenCC's location (to check that
a stored table of what OpenCC can change still describes the installed dictionaries, see
:mod:`govkg.chinese`). The location is asked of the import system's own finders
(``sys.meta_path``, the protocol ``importlib.util.find_spec`` uses, whose own import costs
3 ms), so it is where ``import`` would load the package from.
"""

from __future__ import annotations

import os
import sys


def package_origin(name: str) -> str | None:
    """The file ``import name`` loads (a package's ``__init__.py``), or None if not installed."""
    loaded = sys.modules.get(name)
    if loaded is not None:
        return getattr(loaded, "__file__", None)
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        if find_spec is None:
            continue
        spec = find_spec(name, None)
        if spec is not None:
            return spec.origin if spec.has_location else None
    return None


def version(name: str) -> str:
    """The installed distribution's version: from its ``NAME-VERSION.dist-info`` folder beside
    the package when there is exactly one, else from the imported module's ``__version__``."""
    origin = package_origin(name)
    if origin is not None and os.path.basename(origin) == "__init__.py":
        site = os.path.dirname(os.path.dirname(origin))
        prefix, suffix = f"{name}-", ".dist-info"
        try:
            found = [e[len(prefix):-len(suffix)] for e in os.listdir(site) if e.startswith(prefix) and e.endswith(suffix)]
        except OSError:
            found = []
        if len(found) == 1:
            return found[0]
    from importlib import import_module

    return import_module(name).__version__
