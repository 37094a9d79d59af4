"""Start Budgetkring: the same as the `budgetkring` command."""

import sys

from ui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
