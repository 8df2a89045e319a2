from django.apps import AppConfig, apps


class ClinicsConfig(AppConfig):
    name = "sightline.clinics"
    verbose_name = "Performance clinics"

    def ready(self) -> None:
        from . import exceptions, report  # noqa: F401 - they register the providers and sections

        if apps.is_installed("sightline.improvement"):
            from sightline.improvement import sources

            sources.declare(
                sources.SourceKind(
                    model="clinics.clinicaction",
                    origin_model="clinics.clinic",
                    source="clinic",
                    describe=lambda a: f"{a.clinic}: {a.text}",
                    origin=lambda a: a.clinic,
                )
            )
