"""``python -m budgetkring``: the same as the `budgetkring` command."""

import sys

from budgetkring.cli import main

sys.exit(main())
