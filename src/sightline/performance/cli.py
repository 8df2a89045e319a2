"""`sightline indicators`, `sightline drift`, `sightline definitions`."""


def register(sub) -> None:
    """Add this app's subcommands to the `sightline` parser."""
