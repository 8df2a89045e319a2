"""A change to the audit programme refused, with a message for the person who asked."""


class AuditError(ValueError):
    """A change refused, with a message for the person who asked."""
