"""Production refuses to start without its settings; nothing secret has a default."""

import os
import subprocess
import sys

REQUIRED = {
    "SIGHTLINE_SECRET_KEY": "k" * 50,
    "SIGHTLINE_ALLOWED_HOSTS": "sightline.example.org",
    "PGHOST": "127.0.0.1",
    "PGDATABASE": "sightline",
    "SIGHTLINE_STATIC_ROOT": "/tmp/sightline-static",
}


def _import_production(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in REQUIRED}
    clean.update(env, DJANGO_SETTINGS_MODULE="sightline.settings.production")
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True)


def test_production_starts_with_every_setting():
    result = _import_production(REQUIRED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_production_names_each_missing_setting():
    for missing in REQUIRED:
        env = {k: v for k, v in REQUIRED.items() if k != missing}
        result = _import_production(env)
        assert result.returncode != 0
        assert missing in result.stderr, missing
