"""The demo's password hasher: PBKDF2 with fewer rounds, named apart from Django's.

The demo creates its thirteen accounts at every start, with passwords it prints on the terminal;
a million PBKDF2 rounds each (Django's default) cost seconds of the start for no protection.
Only `sightline.settings.demo` lists it; production and the tests keep their own hashers.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class DemoPasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_demo"
    iterations = 10_000
