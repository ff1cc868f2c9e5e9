"""Allow ``python -m govkg``."""

from govkg.who_fast import main

if __name__ == "__main__":
    main()
