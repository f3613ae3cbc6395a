"""``python -m citeaudit``: the same command line as the ``citeaudit`` script."""

import sys

from citeaudit.cli import main

if __name__ == "__main__":
    sys.exit(main())
