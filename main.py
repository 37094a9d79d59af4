"""Start Budgetkring: the same as the `budgetkring` command."""

import sys

from budgetkring.cli import main

if __name__ == "__main__":
    sys.exit(main())
