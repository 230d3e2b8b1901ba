"""``python -m geoalign``: the same command line as the ``geoalign`` script."""

import sys

from geoalign.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
