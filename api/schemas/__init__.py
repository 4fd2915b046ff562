"""Request and response bodies, one module per router in api/routes (plus what they share)."""
