"""Settings shared by every environment. Nothing secret and nothing machine-specific here."""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Front-end packages installed by npm (GOV.UK Frontend); the set-up script runs `npm ci`.
NODE_MODULES = Path(os.environ.get("SIGHTLINE_NODE_MODULES", PACKAGE_DIR.parent.parent / "node_modules"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "sightline.records",
    "sightline.workforce",
    "sightline.accounts",
    "sightline.accesslog",
    "sightline.imports",
    "sightline.performance",
    "sightline.jobs",
    "sightline.audits",
    "sightline.registers",
    "sightline.improvement",
    "sightline.clinics",
    "sightline.feedback",
    "sightline.reports",
    "sightline.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sightline.web.middleware.SlidingSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sightline.web.middleware.SecurityHeadersMiddleware",
    "sightline.web.params.ParameterErrorMiddleware",
    "sightline.web.middleware.OneEngineMiddleware",
]

ROOT_URLCONF = "sightline.urls"
WSGI_APPLICATION = "sightline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sightline.web.context.sightline",
                "sightline.audits.context.audits",
                "sightline.feedback.context.feedback",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    # Plotly's basic bundle (scatter, bar, pie: all the charts use), a quarter of the full one.
    ("plotly", NODE_MODULES / "plotly.js-basic-dist-min"),
]
LOGIN_URL = "sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "sign-in"
SIGHTLINE_LOCKOUT_FAILURES = int(os.environ.get("SIGHTLINE_LOCKOUT_FAILURES", "5"))
SIGHTLINE_LOCKOUT_MINUTES = int(os.environ.get("SIGHTLINE_LOCKOUT_MINUTES", "15"))
# Where the council's SSD extract scripts leave the tables, when Sightline reads them from the
# database (`sightline import --ssd-database`) rather than from CSV files. Optional.
SIGHTLINE_SSD_DATABASE_URL = os.environ.get("SIGHTLINE_SSD_DATABASE_URL", "")
SIGHTLINE_SSD_SCHEMA = os.environ.get("SIGHTLINE_SSD_SCHEMA", "public")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Pages keep rendered parts (a Viewer per user, a chronology per child, tables per kind of viewer)
# in each web process's memory under the data and content versions. Django's default holds 300
# entries and drops a third of them when full, which fifty staff fill in minutes.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("SIGHTLINE_CACHE_ENTRIES", "3000"))},
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False  # sightline.web.middleware.SlidingSessionMiddleware renews it
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
