"""Each family of shipped tools asks what the issue and Durham's programme ask of it."""

from sightline.audits.domain.defaults import TOOL_KINDS, default_tools
from sightline.audits.domain.defaults.case_file import CASE_FILE_SECTIONS
from sightline.audits.domain.defaults.multi_agency import MULTI_AGENCY_SECTIONS
from sightline.audits.domain.defaults.observation import OBSERVATION_SECTIONS
from sightline.audits.domain.defaults.themed import THEMES
from sightline.audits.domain.tools import SOS_ELEMENTS, Definition
from sightline.domain.agencies import AGENCIES


def _definition(sections) -> Definition:
    return Definition.from_data({"overall_rule": "limited_judgement", "sections": sections})


def test_the_case_file_audit_covers_every_signs_of_safety_element():
    definition = _definition(CASE_FILE_SECTIONS)
    used = {q.element for _, q in definition.questions() if q.element}
    assert used == set(SOS_ELEMENTS)
    titles = " ".join(s.title for s in definition.sections).lower()
    for topic in ("voice", "chronology", "analysis of risk", "smart", "oversight", "impact", "family"):
        assert topic in titles, topic


def test_the_five_themes_are_durhams():
    assert set(THEMES) == {
        "chronologies",
        "core_groups",
        "private_fostering",
        "supervision",
        "strategy_meetings",
    }
    for name, sections in THEMES.values():
        assert name.startswith("Themed audit: ") and _definition(sections).questions()


def test_every_multi_agency_section_for_a_partner_names_a_known_agency():
    agencies = [s["agency"] for s in MULTI_AGENCY_SECTIONS if s["agency"]]
    assert agencies and set(agencies) <= set(AGENCIES) and len(agencies) == len(set(agencies))


def test_the_observation_form_ends_with_development_points_for_the_practitioner():
    definition = _definition(OBSERVATION_SECTIONS)
    assert definition.sections[-1].key == "reflection" and not definition.sections[-1].graded


def test_one_tool_per_family_and_theme_with_unique_keys():
    tools = default_tools()
    assert len({t["key"] for t in tools}) == len(tools) == 3 + len(THEMES)
    assert {t["kind"] for t in tools} == set(TOOL_KINDS)
