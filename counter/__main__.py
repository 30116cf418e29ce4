"""Start the counter app: `python -m macturnos.counter --server URL`."""

import sys

from macturnos.counter.app import main

sys.exit(main(sys.argv))
