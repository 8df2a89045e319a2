"""Django app: import runs of the national returns into the record model, and exports from it."""
