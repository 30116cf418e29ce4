"""The HTTP JSON and WebSocket API under /api/v1."""
