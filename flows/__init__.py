"""arms-flows."""
