"""Small helpers for reading settings from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured


def required(name: str) -> str:
    """Return an environment variable or stop with a message naming it."""
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"Setting {name} is required in this environment but is not set.")
    return value


def flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def listing(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def postgres_database(name: str | None = None) -> dict:
    """A PostgreSQL DATABASES entry from the standard PG* variables (libpq names)."""
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name or os.environ.get("PGDATABASE", "test"),
        "USER": os.environ.get("PGUSER", "postgres"),
        "PASSWORD": os.environ.get("PGPASSWORD", ""),
        "HOST": os.environ.get("PGHOST", "127.0.0.1"),
        "PORT": os.environ.get("PGPORT", "5432"),
        "CONN_MAX_AGE": int(os.environ.get("SIGHTLINE_CONN_MAX_AGE", "60")),
    }
