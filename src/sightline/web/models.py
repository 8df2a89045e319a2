"""The pages' content version (web.versions): one row, raised by every QA write."""

from django.db import models


class ContentVersion(models.Model):
    """Changed by every save or delete of an audit, register entry, action, clinic, complaint,
    setting and the like (web.versions): what pages show beside the imported records, which
    change without a new data version. One row; the council is the data version's."""

    version = models.PositiveBigIntegerField()

    def __str__(self) -> str:
        return f"Content version {self.version}"
