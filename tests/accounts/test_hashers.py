"""The demo's cheaper password hasher: the demo's settings only, and a real PBKDF2 hash."""

import os
import subprocess
import sys

from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, make_password

from sightline.accounts.hashers import DemoPasswordHasher

PRODUCTION = {
    "SIGHTLINE_SECRET_KEY": "k" * 50,
    "SIGHTLINE_ALLOWED_HOSTS": "sightline.example.org",
    "PGHOST": "127.0.0.1",
    "PGDATABASE": "sightline",
    "SIGHTLINE_STATIC_ROOT": "/tmp/sightline-static",
}


def _hashers(settings: str, tmp_path, extra: dict | None = None) -> list[str]:
    env = {**os.environ, **(extra or {}), "DJANGO_SETTINGS_MODULE": settings}
    env["SIGHTLINE_VAR_DIR"] = str(tmp_path)
    code = "import django; django.setup(); from django.conf import settings as s; print(*s.PASSWORD_HASHERS)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_only_the_demo_hashes_with_fewer_rounds(tmp_path):
    demo = _hashers("sightline.settings.demo", tmp_path)
    assert demo[0] == "sightline.accounts.hashers.DemoPasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in demo  # earlier hashes still read
    production = _hashers("sightline.settings.production", tmp_path, PRODUCTION)
    assert not any("Demo" in name for name in production)
    assert production[0] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"


def test_the_demo_hash_is_pbkdf2_that_checks_and_refuses(settings):
    settings.PASSWORD_HASHERS = ["sightline.accounts.hashers.DemoPasswordHasher"]
    encoded = make_password("demo-director-2026")
    algorithm, iterations, _, _ = encoded.split("$")
    assert algorithm == "pbkdf2_sha256_demo" and int(iterations) < PBKDF2PasswordHasher.iterations
    assert check_password("demo-director-2026", encoded)
    assert not check_password("demo-director-2025", encoded)
    assert DemoPasswordHasher().verify("demo-director-2026", encoded)
