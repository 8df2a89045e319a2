"""Production: PostgreSQL, secrets and hosts from the environment; missing ones stop start-up."""

from .base import *  # noqa: F403
from .env import listing, postgres_database, required

SECRET_KEY = required("SIGHTLINE_SECRET_KEY")
ALLOWED_HOSTS = listing("SIGHTLINE_ALLOWED_HOSTS") or [required("SIGHTLINE_ALLOWED_HOSTS")]
DEBUG = False
DATABASES = {"default": postgres_database(required("PGDATABASE"))}
DATABASES["default"]["HOST"] = required("PGHOST")
STATIC_ROOT = required("SIGHTLINE_STATIC_ROOT")

# Static files are collected at build time and served by each web process (WhiteNoise), so
# processes stay stateless and can be multiplied behind a load balancer.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
