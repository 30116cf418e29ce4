"""`python -m macturnos.display`: run the call screen."""

from macturnos.display.app import main

if __name__ == "__main__":
    raise SystemExit(main())
