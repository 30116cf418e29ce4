"""The PCM side: the reference receiver of the centres' reports."""
