"""The indicator engine: declarative definitions, timescales and drift over Polars frames.

Plain Python: no Django imports in this package.
"""
