"""The FastAPI service; ``create_app`` builds it."""
