"""The settings page's population upload: a good file replaces the estimate and the rates use it;
a bad one changes nothing and names the file, row, field and value; only administrators may load."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sightline.accounts.roles import Role, Viewer, can_change_settings
from sightline.indicators.population import PopulationTable
from sightline.performance import selectors as perf_selectors
from sightline.performance import services
from sightline.performance.models import PopulationEstimate, SettingChange

pytestmark = pytest.mark.django_db
SEX = {"M": 1, "F": 2}
HEADER = "ladcode,laname,ethnicity,sex,age,population_2024"


def _ons_file(rows: list[dict], *, scale: float = 1.0) -> str:
    """The generated estimate written out as an ONS long file (sex 1/2), every count scaled."""
    lines = [HEADER] + [
        f"E06000999,Sightline,{r['ethnicity']},{SEX[r['sex']]},{r['age']},{round(r['population'] * scale)}"
        for r in rows
    ]
    return "\n".join(lines) + "\n"


def _upload(client, text: str, name: str = "mid-2024.csv", source: str = ""):
    upload = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post("/settings/", {"form": "population", "file": upload, "source": source})


def _held() -> list[tuple]:
    return sorted(PopulationEstimate.objects.values_list("ethnicity", "sex", "age", "population"))


@pytest.fixture
def earlier(council):
    """An estimate already held, which a refused file must leave as it is."""
    table = PopulationTable.from_rows(council.meta["population_estimate"])
    services.set_population(None, table, "ONS (synthetic)")
    return _held()


def test_a_good_file_replaces_the_estimate_and_the_inequality_page_reads_it(signed_in, council, earlier):
    client, user = signed_in(Role.ADMINISTRATOR)
    text = _ons_file(council.meta["population_estimate"], scale=2.0)
    response = _upload(client, text, source="ONS mid-2024 estimates (synthetic)")
    assert response.status_code == 302
    rows = list(csv.DictReader(io.StringIO(text)))
    assert _held() == sorted(
        (r["ethnicity"], "M" if r["sex"] == "1" else "F", int(r["age"]), int(r["population_2024"]))
        for r in rows
        if int(r["age"]) <= 17
    )
    assert _held() != earlier
    change = SettingChange.objects.latest("id")
    assert change.user == user and change.kind == SettingChange.Kind.POPULATION
    page = client.get("/settings/").content.decode()
    assert "Population estimate loaded" in page and "ONS mid-2024 estimates (synthetic)" in page
    changes = page[page.index('id="changes-table"') :]
    assert "Population estimate</td>" in changes and "population_estimate" not in changes
    by_sex = {"Male": 0, "Female": 0}
    for r in rows:
        by_sex["Male" if r["sex"] == "1" else "Female"] += int(r["population_2024"])
    table = client.get("/inequality/?period=year&by=sex&table=disproportionality&format=csv")
    shown = list(csv.reader(io.StringIO(table.content.decode("utf-8-sig"))))
    looked_after = {r[1]: int(r[3].replace(",", "")) for r in shown[1:] if r[0] == "Children looked after"}
    assert looked_after == by_sex
    assert "ONS mid-2024 estimates (synthetic)" in client.get("/inequality/?period=year").content.decode()


def test_without_a_source_the_file_is_cited_by_its_name_not_its_folder(signed_in, council):
    client, _ = signed_in(Role.ADMINISTRATOR)
    text = _ons_file(council.meta["population_estimate"])
    response = _upload(client, text, name="C:\\Users\\pat\\mid-2024.csv")
    assert response.status_code == 302
    assert set(PopulationEstimate.objects.values_list("source", flat=True)) == {"mid-2024.csv"}


NEGATIVE = "'-4' is below zero: a count of children cannot be negative"
SAME = "ethnicity WBRI, sex '1', age 3 is the same group as row 2 (give each group once)"
BAD = [
    (
        "missing column",
        "ladcode,ethnicity,sex,population_2024\nE1,WBRI,1,50\n",
        ["mid-2024.csv, row 1 (the header): no age column"],
    ),
    (
        "not a number",
        f"{HEADER}\nE1,S,WBRI,1,3,fifty\nE1,S,WBRI,2,3,40\n",
        ["mid-2024.csv, row 2, field population_2024: 'fifty' is not a whole number"],
    ),
    (
        "negative",
        f"{HEADER}\nE1,S,WBRI,1,3,50\nE1,S,BAFR,2,7,-4\n",
        [f"mid-2024.csv, row 3, field population_2024: {NEGATIVE}"],
    ),
    (
        "duplicate group",
        f"{HEADER}\nE1,S,WBRI,1,3,50\nE1,S,WBRI,2,3,40\nE1,S,WBRI,1,3,55\n",
        [f"mid-2024.csv, row 4: {SAME}"],
    ),
    (
        "unknown codes",
        f"{HEADER}\nE1,S,WHITE,1,3,50\nE1,S,WBRI,3,3,40\n",
        [
            "mid-2024.csv, row 2, field ethnicity: 'WHITE' is not a DfE ethnicity code",
            "mid-2024.csv, row 3, field sex: '3' is not 1 (male) or 2 (female)",
        ],
    ),
]


@pytest.mark.parametrize(("text", "problems"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_file_changes_nothing_and_each_problem_is_named(signed_in, earlier, text, problems):
    client, _ = signed_in(Role.ADMINISTRATOR)
    changes = SettingChange.objects.count()
    response = _upload(client, text)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Nothing was saved" in page
    for problem in problems:
        assert page.count(problem) == 2  # in the summary and beside the file field
    assert "Traceback" not in page and "constraint" not in page.lower()
    assert _held() == earlier and SettingChange.objects.count() == changes


def test_a_file_with_many_bad_rows_lists_the_first_and_counts_the_rest(signed_in, earlier):
    client, _ = signed_in(Role.ADMINISTRATOR)
    text = HEADER + "\n" + "".join(f"E1,S,WBRI,1,{age % 18},x{age}\n" for age in range(30))
    page = html.unescape(_upload(client, text).content.decode())
    assert "row 21, field population_2024: 'x19' is not a whole number" in page
    assert "row 22," not in page
    assert "mid-2024.csv: and 10 more problems like these" in page
    assert _held() == earlier


def test_no_file_or_an_empty_one_is_asked_for_again(signed_in, earlier):
    client, _ = signed_in(Role.ADMINISTRATOR)
    page = client.post("/settings/", {"form": "population"}).content.decode()
    assert "Choose the population estimate&#x27;s CSV file to upload" in page
    page = _upload(client, "").content.decode()
    assert "The chosen file is empty" in page
    assert _held() == earlier


@pytest.mark.parametrize("role", [r for r in Role if not can_change_settings(Viewer(role=r))])
def test_a_role_that_may_not_change_settings_cannot_load_an_estimate(signed_in, council, earlier, role):
    client, _ = signed_in(role)
    response = _upload(client, _ons_file(council.meta["population_estimate"], scale=3.0))
    assert response.status_code == 403
    assert _held() == earlier


def test_a_wrong_value_stays_in_its_box_and_the_others_show_what_is_held(signed_in):
    client, _ = signed_in(Role.ADMINISTRATOR)
    held = {row["key"]: row["value"] for row in perf_selectors.standards_table()}
    page = client.post("/settings/", {"form": "standards", "cp_visit_working_days": "many"}).content.decode()
    wrong = re.search(r'<input[^>]*id="std-cp_visit_working_days"[^>]*>', page).group(0)
    assert 'value="many"' in wrong and "govuk-input--error" in wrong
    assert 'aria-describedby="std-cp_visit_working_days-error"' in wrong
    other = re.search(r'<input[^>]*id="std-decision_working_days"[^>]*>', page).group(0)
    assert f'value="{held["decision_working_days"]}"' in other and "error" not in other
    # Every box is labelled, the label hidden where the row's header already names it.
    boxes = re.findall(r'<(?:input|select)[^>]*id="((?:std|target|tolerance)-[^"]+)"', page)
    assert len(boxes) > len(held)
    for box in boxes:
        assert f'<label class="govuk-label govuk-visually-hidden" for="{box}">' in page
