"""`sightline import`, `sightline export`, `sightline validate`."""


def register(sub) -> None:
    """Add this app's subcommands to the `sightline` parser."""
