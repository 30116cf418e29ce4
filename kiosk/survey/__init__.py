"""The kiosk app in survey mode: a tablet at a module where the citizen rates the
attention just finished there (`python -m macturnos.kiosk --survey-module 7`)."""
