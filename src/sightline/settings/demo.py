"""The embedded demo: SQLite in ./var, debug on, a per-machine key kept beside the database."""

import os
import secrets
from pathlib import Path

from .base import *  # noqa: F403
from .env import flag, postgres_database

VAR_DIR = Path(os.environ.get("SIGHTLINE_VAR_DIR", Path.cwd() / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _demo_secret_key() -> str:
    """A random key made once per machine: the demo never ships a secret in the code."""
    if os.environ.get("SIGHTLINE_SECRET_KEY"):
        return os.environ["SIGHTLINE_SECRET_KEY"]
    key_file = VAR_DIR / "demo-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _demo_secret_key()
DEBUG = os.environ.get("SIGHTLINE_DEBUG", "1") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SIGHTLINE_DB", str(VAR_DIR / "demo.sqlite3")),
        "OPTIONS": {"timeout": 30},
    }
}
if flag("SIGHTLINE_DEMO_POSTGRES"):
    # The demo on PostgreSQL (the load benchmark uses this): PG* variables name the database.
    DATABASES = {"default": postgres_database()}
STATIC_ROOT = VAR_DIR / "static"
# Static files compressed when collected (`sightline serve` collects them) and served with their
# gzip or Brotli form by WhiteNoise, as in production. Not from the finders: WhiteNoise would serve
# the uncompressed originals from node_modules in place of the collected files.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False  # even with DEBUG on: the collected files are the ones served
WHITENOISE_MAX_AGE = 3600
# The demo's accounts have published passwords: hashing them with Django's full PBKDF2 rounds
# cost seconds of every start. Demo only (accounts.hashers); hashes Django made stay readable.
PASSWORD_HASHERS = [
    "sightline.accounts.hashers.DemoPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
