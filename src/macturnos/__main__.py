"""Allow `python -m macturnos`."""

from macturnos.cli import main

raise SystemExit(main())
