"""The PCM side: the reference receiver of the centres\x27 reports."""
