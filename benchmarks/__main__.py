"""Entry point: python -m grantstack.benchmarks ..."""

import sys

from grantstack.benchmarks.cli import main

if __name__ == "__main__":
    sys.exit(main())
