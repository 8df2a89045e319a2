"""A register over an existing table (teams), to test the kit on its own."""

from django.core.exceptions import ValidationError
from django.urls import include, path

from sightline.accounts.roles import RegisterRules
from sightline.registers import Column, Filter, Register, RegisterForm
from sightline.registers.urls import register_urls
from sightline.urls import urlpatterns as site
from sightline.workforce.models import Team


class TeamForm(RegisterForm):
    class Meta:
        model = Team
        fields = ["name", "service", "kind", "caseload_limit"]

    def clean_caseload_limit(self):
        limit = self.cleaned_data["caseload_limit"]
        if limit is not None and limit > 40:
            raise ValidationError("A caseload limit above 40 children is not a limit.")
        return limit


TEAMS = Register(
    key="kit-teams",
    title="Teams in the kit test",
    noun="team",
    model=Team,
    form=TeamForm,
    rules=RegisterRules(),
    columns=[
        Column("name"),
        Column("service"),
        Column("kind"),
        Column("caseload_limit", "Limit", numeric=True),
    ],
    filters=[Filter("service"), Filter("kind")],
    search_fields=["name"],
    ordering=["name"],
    per_page=5,
)

urlpatterns = [*site, path("kit/", include(register_urls(TEAMS)))]
