from django.apps import AppConfig, apps


class ImprovementConfig(AppConfig):
    name = "sightline.improvement"
    verbose_name = "Improvement and learning"

    def ready(self) -> None:
        from sightline.web import panels as web_panels

        from . import measures, panels, report, sources  # noqa: F401 - report registers its sections

        sources.declare_improvement_sources()
        if apps.is_installed("sightline.audits"):
            measures.declare_audit_measure()
        web_panels.add("team", "improvement/team_panel.html", panels.team_panel, order=50)
        web_panels.add("child", "improvement/child_panel.html", panels.child_panel, order=50)
