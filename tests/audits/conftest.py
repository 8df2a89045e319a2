"""The web tests' loaded council and signed-in clients, for the audit pages."""

from web.conftest import PASSWORD, council, council_data, locality, make_user, signed_in  # noqa: F401
