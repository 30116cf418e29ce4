"""Indicators and reports computed from the event log: pure functions, no I/O.

The appliance and the PCM receiver hand the same event records to the same
functions, so a figure has one value wherever it is computed. The definitions
are written once in docs/reports.md.
"""
