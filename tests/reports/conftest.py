"""The report tests' small council (the web tests' one, loaded once per module)."""

from web.conftest import PASSWORD, council, council_data, locality, make_user, signed_in  # noqa: F401

__all__ = ["PASSWORD"]
