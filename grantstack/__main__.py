"""python -m grantstack: the grantstack command."""

from grantstack.cli import main

if __name__ == "__main__":
    main()
