"""Settings split by environment: base (shared), demo, test, production.

Every value that differs between machines is read from the environment; production
refuses to start when one is missing rather than falling back to a default.
"""
