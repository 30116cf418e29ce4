"""Store-and-forward sync with the PCM: event upload, appointments and catalogue download."""
