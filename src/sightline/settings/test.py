"""Fast test settings: in-memory SQLite by default, PostgreSQL when SIGHTLINE_TEST_POSTGRES is set."""

import os

from .base import *  # noqa: F403
from .env import flag, postgres_database

SECRET_KEY = "test-only-key-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if flag("SIGHTLINE_TEST_POSTGRES"):
    DATABASES = {"default": postgres_database(os.environ.get("PGDATABASE", "test"))}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SIGHTLINE_TEST_PG_NAME", "sightline_test")}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
