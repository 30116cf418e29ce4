"""Migration scripts, applied in order by `macturnos db upgrade`."""
