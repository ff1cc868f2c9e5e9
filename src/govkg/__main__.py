"""Allow ``python -m govkg``."""

from govkg.cli import main

if __name__ == "__main__":
    main()
