"""Django app: the indicator engine's door to the database (frames per data version), local standards."""
