"""The self-evaluation: drafted from the evidence held, edited in versions, by the right people."""

import pytest

from sightline.accounts.roles import Role
from sightline.audits.models import Audit
from sightline.indicators.periods import Period
from sightline.performance import selectors as perf
from sightline.reports import selfeval
from sightline.reports.models import Area, Question, SelfEvaluationAnswer

pytestmark = pytest.mark.django_db
URL = "/reports/self-evaluation/"


def test_a_draft_starts_from_the_evidence_and_each_save_is_a_new_version(signed_in):
    client, user = signed_in(Role.QA_LEAD)
    page = client.get(URL).content.decode()
    assert "No draft yet for 2025-26" in page and "overall effectiveness grade" in page
    assert client.post(URL, {"year": "2026"}).status_code == 302
    assert SelfEvaluationAnswer.objects.filter(year=2026, version=1, from_evidence=True).count() == len(
        Area
    ) * len(Question)
    know = SelfEvaluationAnswer.objects.get(year=2026, area=Area.HELP_AND_PROTECTION, question=Question.KNOW)
    result = perf.value("assessments_45wd", Period.year(perf.reference_date()))
    assert f"{result.value:.1f}%" in know.text and "In 2025-26" in know.text
    how = SelfEvaluationAnswer.objects.get(year=2026, area=Area.LEADERSHIP, question=Question.HOW)
    year = Period.year(perf.reference_date())
    finalised = Audit.objects.filter(status="finalised", audit_date__range=(year.start, year.end)).count()
    assert f"{finalised} case-file audits finalised in 2025-26" in how.text
    # Starting again leaves what is there.
    client.post(URL, {"year": "2026"})
    assert SelfEvaluationAnswer.objects.filter(year=2026).count() == len(Area) * len(Question)

    answer_url = f"{URL}2026/{Area.CARE_LEAVERS}/{Question.PLANS}/"
    response = client.post(answer_url, {"text": "  "})
    assert response.status_code == 400 and "Write the answer before saving it" in response.content.decode()
    client.post(answer_url, {"text": "Extend Staying Close to every care leaver aged 18 to 21."})
    client.post(answer_url, {"text": "Extend Staying Close to every care leaver aged 18 to 25."})
    versions = selfeval.history(2026, Area.CARE_LEAVERS, Question.PLANS)
    assert [v.version for v in versions] == [3, 2, 1] and versions[0].text.endswith("18 to 25.")
    assert versions[0].saved_by == user and not versions[0].from_evidence
    page = client.get(URL).content.decode()
    assert "18 to 25." in page and "18 to 21." not in page and "Version 3" in page
    history = client.get(answer_url).content.decode()
    assert "18 to 21." in history and "drafted from the evidence held" in history


def test_practitioners_read_it_without_changing_it_and_members_and_partners_do_not_see_it(signed_in, client):
    writer, _ = signed_in(Role.HEAD_OF_SERVICE)
    writer.post(URL, {"year": "2026"})
    client.logout()
    reader, _ = signed_in(Role.PRACTITIONER)
    page = reader.get(URL).content.decode()
    assert "Earlier versions" in page and "Start the draft" not in page
    assert reader.post(f"{URL}2026/{Area.LEADERSHIP}/{Question.KNOW}/", {"text": "x"}).status_code == 403
    assert reader.post(URL, {"year": "2026"}).status_code == 403
    assert reader.get(f"{URL}2026/{Area.LEADERSHIP}/nonsense/").status_code == 404
    assert reader.get(URL, {"year": "2031"}).status_code == 400
    client.logout()
    for role in (Role.ELECTED_MEMBER, Role.PARTNER_AGENCY):
        other, _ = signed_in(role)
        assert other.get(URL).status_code == 403
        client.logout()
