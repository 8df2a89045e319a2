from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The reports the registers' sections make up: the quarterly Quality of Practice report, the
    monthly clinic packs and the self-evaluation, as pages, tagged PDFs and workbooks."""

    name = "sightline.reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from . import headlines  # noqa: F401 - registers the headline indicators' sections
