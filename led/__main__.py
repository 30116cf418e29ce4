"""`python -m macturnos.led`: run the LED agent."""

from macturnos.led.main import main

if __name__ == "__main__":
    raise SystemExit(main())
