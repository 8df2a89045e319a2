"""Domain logic in plain Python: no Django or web imports below this package."""
