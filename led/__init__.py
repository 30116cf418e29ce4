"""The LED agent: drives the LED displays over the modules from the turn server's events.

A client of the turn server like the three apps (`macturnos.client`), with no
screen: `macturnos led` runs it on the PC a display's serial line reaches.
"""
