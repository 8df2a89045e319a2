"""The Standard Safeguarding Dataset (SSD) tables Sightline reads and writes, declared.

One `Table` per SSD table (names and columns as the SSD's data/objects/*.yml give them, see
docs/ssd.md), saying which record of ours each row is and which of our fields each column
holds. What a record of ours has and the SSD does not is written in extension columns
(`sl_<field>`) or extension tables (`sightline_<name>`), so an export read back is the same
council; a council's own SSD extract has neither, and those fields are left blank on import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

EXT = "sl_"  # extension columns: one of our fields the SSD table has no column for


@dataclass(frozen=True)
class Companion:
    """A second SSD table holding more of the same record (placement and legal status of a
    looked-after episode; an assessment's factors): its `key` column holds the record's id."""

    table: str
    id_column: str
    columns: dict[str, str]  # SSD column -> our field
    key: str = ""  # the companion's column holding the record's id (else its id is the record's)
    person: str = ""  # the companion's person column (written with the record's child)
    via: str = ""  # or: the record's column holding the companion's id (written as id_prefix + id)
    id_prefix: str = ""
    optional_if_empty: str = ""  # field whose empty value means no companion row (factors)


@dataclass(frozen=True)
class Table:
    """An SSD table (or one of ours) and the record it holds."""

    name: str
    label: str  # the model label, e.g. "records.Contact"
    id_column: str
    prefix: str  # id of a row written from a record with no SSD id yet: prefix + primary key
    columns: dict[str, str]  # SSD column -> our field ("child_id" for the person column)
    extension: tuple[str, ...] = ()  # our fields with no SSD column, written as sl_<field>
    fks: dict[str, str] = field(default_factory=dict)  # our field -> the label it refers to
    kinds: tuple[str, ...] = ()  # rows of the label held here: their `kind` values
    natural_key: str = ""  # our field the SSD id is by default (la_child_id, staff_id)
    companions: tuple[Companion, ...] = ()
    json_columns: tuple[str, ...] = ()  # columns holding a JSON list of one code: our field's value
    coded: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> {our code: theirs}
    person_via: tuple[str, str, str] = ()  # (table, its column holding our person column, its person column)
    required: bool = True  # in a full extract (an SSD table); extension tables are optional

    @property
    def all_columns(self) -> list[str]:
        via = [c.via for c in self.companions if c.via]
        return [self.id_column, *self.columns, *via, *(EXT + f for f in self.extension)]


CHILD = {"child_id": "records.Child"}
# Worker.Role as the SSD's job titles.
JOB_TITLES = {
    "SW": "Social Worker",
    "SP": "Senior Practitioner",
    "TM": "Team Manager",
    "HOS": "Head of Service",
    "IRO": "Independent Reviewing Officer",
    "PA": "Personal Adviser",
    "FW": "Family Worker",
}
EPISODE = {"child_id": "records.Child", "episode_id": "records.CINEpisode"}


def _ext_table(name, label, prefix, fields, fks=None) -> Table:
    return Table(
        name=f"sightline_{name}",
        label=label,
        id_column=f"{EXT}{name}_id",
        prefix=prefix,
        columns={f"{EXT}person_id": "child_id"} if "child_id" in (fks or CHILD) else {},
        extension=tuple(fields),
        fks=fks if fks is not None else CHILD,
        required=False,
    )


TABLES: tuple[Table, ...] = (
    Table(
        "sightline_council",
        "records.Council",
        "sl_council_id",
        "LA",
        {},
        ("name", "la_code", "population_0_17", "reference_date", "synthetic_seed"),
        required=False,
    ),
    Table("ssd_department", "workforce.Service", "dept_team_id", "S", {"dept_team_name": "name"}),
    Table(
        "ssd_department",
        "workforce.Team",
        "dept_team_id",
        "T",
        {"dept_team_name": "name", "dept_team_parent_id": "service_id"},
        ("kind", "caseload_limit"),
        {"service_id": "workforce.Service"},
    ),
    Table(
        "ssd_professionals",
        "workforce.Worker",
        "prof_professional_id",
        "W",
        {
            "prof_staff_id": "staff_id",
            "prof_social_worker_registration_no": "swe_number",
            "prof_professional_job_title": "role",
            "prof_full_time_equivalency": "fte",
            "prof_agency_worker_flag": "agency",
        },
        ("first_name", "last_name", "team_id", "newly_qualified", "start_date", "leave_date"),
        {"team_id": "workforce.Team"},
        natural_key="staff_id",
        coded={"prof_professional_job_title": JOB_TITLES},
    ),
    Table(
        "ssd_person",
        "records.Child",
        "pers_person_id",
        "P",
        {
            "pers_legacy_id": "la_child_id",
            "pers_forename": "first_name",
            "pers_surname": "last_name",
            "pers_sex": "sex",
            "pers_ethnicity": "ethnicity",
            "pers_dob": "date_of_birth",
            "pers_upn_unknown": "upn_unknown",
            "pers_expected_dob": "expected_date_of_birth",
            "pers_death_date": "death_date",
            "pers_is_mother": "mother",
        },
        ("upn", "former_upn", "home_postcode", "restricted", "mother_child_dob", "uasc", "uasc_ceased_date"),
        {},
        natural_key="la_child_id",
    ),
    Table(
        "ssd_contacts",
        "records.Contact",
        "cont_contact_id",
        "C",
        {
            "cont_person_id": "child_id",
            "cont_contact_date": "contact_date",
            "cont_contact_source_code": "source",
            "cont_contact_outcome_json": "outcome",
        },
        ("decision_date",),
        CHILD,
        json_columns=("cont_contact_outcome_json",),
    ),
    Table(
        "ssd_early_help_episodes",
        "records.EarlyHelpAssessment",
        "earl_episode_id",
        "EH",
        {
            "earl_person_id": "child_id",
            "earl_episode_start_date": "start_date",
            "earl_episode_end_date": "completion_date",
            "earl_episode_organisation": "organisation",
        },
        (),
        CHILD,
    ),
    Table(
        "ssd_cin_episodes",
        "records.CINEpisode",
        "cine_referral_id",
        "R",
        {
            "cine_person_id": "child_id",
            "cine_referral_date": "cin_referral_date",
            "cine_cin_primary_need_code": "primary_need_code",
            "cine_referral_source_code": "referral_source",
            "cine_referral_nfa": "referral_nfa",
            "cine_close_reason": "reason_for_closure",
            "cine_close_date": "cin_closure_date",
        },
        ("contact_id",),
        {**CHILD, "contact_id": "records.Contact"},
    ),
    Table(
        "ssd_cin_assessments",
        "records.Assessment",
        "cina_assessment_id",
        "A",
        {
            "cina_person_id": "child_id",
            "cina_referral_id": "episode_id",
            "cina_assessment_start_date": "assessment_actual_start_date",
            "cina_assessment_child_seen": "child_seen",
            "cina_assessment_auth_date": "assessment_authorisation_date",
            "cina_assessment_outcome_json": "outcome",
        },
        ("assessment_internal_review_date", "child_seen_date"),
        EPISODE,
        json_columns=("cina_assessment_outcome_json",),
        companions=(
            Companion(
                "ssd_assessment_factors",
                "cinf_table_id",
                {"cinf_assessment_factors_json": "factors"},
                key="cinf_assessment_id",
                optional_if_empty="factors",
            ),
        ),
    ),
    _ext_table(
        "strategy_discussions",
        "records.StrategyDiscussion",
        "SD",
        ("episode_id", "discussion_date", "s47_agreed"),
        EPISODE,
    ),
    Table(
        "ssd_s47_enquiry",
        "records.Section47Enquiry",
        "s47e_s47_enquiry_id",
        "S47",
        {
            "s47e_person_id": "child_id",
            "s47e_referral_id": "episode_id",
            "s47e_s47_start_date": "s47_actual_start_date",
            "s47e_s47_end_date": "end_date",
            "s47e_s47_outcome_json": "outcome",
        },
        ("initial_cpc_target", "icpc_not_required", "strategy_discussion_id"),
        {**EPISODE, "strategy_discussion_id": "records.StrategyDiscussion"},
        json_columns=("s47e_s47_outcome_json",),
    ),
    Table(
        "ssd_cp_plans",
        "records.CPPlan",
        "cppl_cp_plan_id",
        "CPP",
        {
            "cppl_person_id": "child_id",
            "cppl_referral_id": "episode_id",
            "cppl_cp_plan_start_date": "cpp_start_date",
            "cppl_cp_plan_end_date": "cpp_end_date",
            "cppl_cp_plan_initial_category": "initial_category_of_abuse",
            "cppl_cp_plan_latest_category": "latest_category_of_abuse",
        },
        ("number_of_previous_cpp", "checkpoint_review_date"),
        EPISODE,
    ),
    Table(
        "ssd_initial_cp_conference",
        "records.ChildProtectionConference",
        "icpc_icpc_id",
        "ICPC",
        {
            "icpc_person_id": "child_id",
            "icpc_referral_id": "episode_id",
            "icpc_s47_enquiry_id": "section47_id",
            "icpc_cp_plan_id": "plan_id",
            "icpc_icpc_transfer_in": "kind",
            "icpc_icpc_date": "conference_date",
            "icpc_icpc_outcome_cp_flag": "plan_decided",
        },
        (),
        {**EPISODE, "section47_id": "records.Section47Enquiry", "plan_id": "records.CPPlan"},
        kinds=("ICPC", "TCPC"),
        coded={"icpc_icpc_transfer_in": {"ICPC": "N", "TCPC": "Y"}},
    ),
    Table(
        "ssd_cp_reviews",
        "records.ChildProtectionConference",
        "cppr_cp_review_id",
        "RCPC",
        {
            "cppr_person_id": "child_id",
            "cppr_cp_plan_id": "plan_id",
            "cppr_cp_review_date": "conference_date",
            "cppr_cp_review_outcome_continue_cp": "plan_decided",
        },
        ("episode_id", "section47_id"),
        {**EPISODE, "section47_id": "records.Section47Enquiry", "plan_id": "records.CPPlan"},
        kinds=("RCPC",),
    ),
    _ext_table(
        "core_groups",
        "records.CoreGroup",
        "CG",
        ("plan_id", "meeting_date"),
        {**CHILD, "plan_id": "records.CPPlan"},
    ),
    Table(
        "ssd_cin_plans",
        "records.CINPlan",
        "cinp_cin_plan_id",
        "CINP",
        {
            "cinp_person_id": "child_id",
            "cinp_referral_id": "episode_id",
            "cinp_cin_plan_start_date": "cin_plan_start_date",
            "cinp_cin_plan_end_date": "cin_plan_end_date",
        },
        (),
        EPISODE,
    ),
    *(
        Table(
            f"ssd_{name}_visits",
            "records.Visit",
            f"{p}v_{name}_visit_id",
            f"{kind}V",
            {
                f"{p}v_person_id": "child_id",
                f"{p}v_{name}_visit_date": "visit_date",
                f"{p}v_{name}_visit_seen": "seen",
                f"{p}v_{name}_visit_seen_alone": "seen_alone",
            },
            ("worker_id",),
            {**CHILD, "worker_id": "workforce.Worker"},
            kinds=(kind,),
        )
        for name, p, kind in (("cin", "cin", "CIN"), ("cp", "cpp", "CP"), ("cla", "cla", "CLA"))
    ),
    Table(
        "sightline_visits",
        "records.Visit",
        "sl_visits_id",
        "V",
        {"sl_person_id": "child_id"},
        ("kind", "visit_date", "seen", "seen_alone", "worker_id"),
        {**CHILD, "worker_id": "workforce.Worker"},
        kinds=("PF", "CL", "ASMT", "PB"),
        required=False,
    ),
    Table(
        "ssd_cla_episodes",
        "records.LookedAfterEpisode",
        "clae_cla_episode_id",
        "E",
        {
            "clae_person_id": "child_id",
            "clae_cla_id": "child_id",
            "clae_cla_episode_start_date": "decom",
            "clae_cla_episode_start_reason": "rne",
            "clae_cla_primary_need_code": "cin",
            "clae_cla_episode_ceased_date": "dec",
            "clae_cla_episode_ceased_reason": "rec",
        },
        ("home_post", "placement_la"),
        CHILD,
        companions=(
            Companion(
                "ssd_cla_placement",
                "clap_cla_placement_id",
                {
                    "clap_cla_placement_start_date": "decom",
                    "clap_cla_placement_type": "place",
                    "clap_cla_placement_urn": "urn",
                    "clap_cla_placement_distance": "placement_distance_miles",
                    "clap_cla_placement_provider": "place_provider",
                    "clap_cla_placement_postcode": "pl_post",
                    "clap_cla_placement_end_date": "dec",
                    "clap_cla_placement_change_reason": "reason_place_change",
                },
                person="clap_person_id",
                via="clae_cla_placement_id",
                id_prefix="P",
            ),
            Companion(
                "ssd_legal_status",
                "lega_legal_status_id",
                {
                    "lega_legal_status": "ls",
                    "lega_legal_status_start_date": "decom",
                    "lega_legal_status_end_date": "dec",
                },
                person="lega_person_id",
            ),
        ),
    ),
    Table(
        "ssd_cla_reviews",
        "records.LookedAfterReview",
        "clar_cla_review_id",
        "LR",
        {
            "clar_cla_id": "child_id",
            "clar_cla_review_date": "review_date",
            "clar_cla_review_participation": "review_code",
        },
        ("iro_id",),
        {**CHILD, "iro_id": "workforce.Worker"},
        person_via=("ssd_cla_episodes", "clae_cla_id", "clae_person_id"),
    ),
    Table(
        "ssd_cla_health",
        "records.HealthCheck",
        "clah_health_check_id",
        "H",
        {
            "clah_person_id": "child_id",
            "clah_health_check_type": "kind",
            "clah_health_check_date": "check_date",
        },
        (),
        CHILD,
    ),
    _ext_table("peps", "records.PersonalEducationPlan", "PEP", ("pep_date",)),
    Table(
        "ssd_missing",
        "records.MissingEpisode",
        "miss_table_id",
        "M",
        {
            "miss_person_id": "child_id",
            "miss_missing_episode_start_date": "mis_start",
            "miss_missing_episode_type": "missing",
            "miss_missing_episode_end_date": "mis_end",
            "miss_missing_rhi_offered": "rhi_offered",
            "miss_missing_rhi_accepted": "rhi_accepted",
        },
        ("rhi_date",),
        CHILD,
    ),
    Table(
        "ssd_care_leavers",
        "records.CareLeaverContact",
        "clea_table_id",
        "CL",
        {
            "clea_person_id": "child_id",
            "clea_care_leaver_in_touch": "in_touch",
            "clea_care_leaver_latest_contact": "contact_date",
            "clea_care_leaver_accommodation": "accom",
            "clea_care_leaver_activity": "activ",
        },
        (),
        CHILD,
    ),
    Table(
        "ssd_permanence",
        "records.AdoptionMilestones",
        "perm_table_id",
        "AD",
        {
            "perm_person_id": "child_id",
            "perm_adm_decision_date": "date_should_be_placed",
            "perm_placement_order_date": "placement_order_date",
            "perm_matched_date": "match_date",
            "perm_placed_for_adoption_date": "placed_date",
            "perm_permanence_order_date": "adoption_order_date",
            "perm_decision_reversed_date": "no_longer_placed_date",
            "perm_adopted_by_carer_flag": "foster_carer_adoption",
            "perm_number_of_adopters": "number_of_adopters",
            "perm_adopter_sex": "sex_of_adopters",
            "perm_adopter_legal_status": "adopters_legal_status",
            "perm_decision_reversed_reason": "reason_no_longer_placed",
        },
        (),
        CHILD,
    ),
    _ext_table(
        "private_fostering",
        "records.PrivateFosteringArrangement",
        "PF",
        ("notification_date", "end_date", "outcome"),
    ),
    Table(
        "ssd_pre_proceedings",
        "records.CareProceedings",
        "prep_table_id",
        "PP",
        {
            "prep_person_id": "child_id",
            "prep_pre_pro_decision_date": "plo_start_date",
            "prep_initial_pre_pro_meeting_date": "initial_pre_proceedings_meeting_date",
            "prep_pre_pro_outcome": "pre_proceedings_outcome",
            "prep_agree_stepdown_issue_date": "step_decision_date",
            "prep_pre_pro_letter_date": "letter_before_proceedings_date",
            "prep_pre_pro_meetings_num": "pre_proceedings_review_meetings",
        },
        (
            "application_issued_date",
            "final_order_date",
            "final_order_type",
            "fgdm_offered",
            "fgdm_held",
            "letter_of_initial_concern_date",
        ),
        CHILD,
    ),
    _ext_table(
        "pre_birth",
        "records.PreBirthReferral",
        "PB",
        (
            "referral_date",
            "gestation_weeks_at_referral",
            "assessment_completed_date",
            "assessment_completed_week",
            "outcome_at_birth",
        ),
    ),
    Table(
        "ssd_cla_previous_permanence",
        "records.PreviousPermanence",
        "lapp_table_id",
        "PRP",
        {
            "lapp_person_id": "child_id",
            "lapp_previous_permanence_order_date": "date_perm",
            "lapp_previous_permanence_option": "prev_perm",
            "lapp_previous_permanence_la": "la_perm",
        },
        ("collection_year",),
        CHILD,
    ),
    _ext_table(
        "oc2",
        "records.LookedAfterOutcome",
        "OC",
        (
            "collection_year",
            "sdq_score",
            "sdq_reason",
            "convicted",
            "health_check",
            "immunisations",
            "teeth_check",
            "health_assessment",
            "substance_misuse",
            "intervention_received",
            "intervention_offered",
        ),
    ),
    _ext_table(
        "sw_episodes", "records.SocialWorkerEpisode", "SWE", ("sw_id", "sw_decom", "sw_dec", "sw_reason")
    ),
    Table(
        "ssd_involvements",
        "workforce.Allocation",
        "invo_involvements_id",
        "I",
        {
            "invo_person_id": "child_id",
            "invo_professional_id": "worker_id",
            "invo_professional_role_id": "role",
            "invo_professional_team": "team_id",
            "invo_involvement_start_date": "start_date",
            "invo_involvement_end_date": "end_date",
        },
        (),
        {**CHILD, "worker_id": "workforce.Worker", "team_id": "workforce.Team"},
    ),
    _ext_table(
        "supervision",
        "workforce.Supervision",
        "SUP",
        ("worker_id", "supervisor_id", "supervision_date", "reflective"),
        {"worker_id": "workforce.Worker", "supervisor_id": "workforce.Worker"},
    ),
    _ext_table(
        "observations",
        "workforce.PracticeObservation",
        "OBS",
        ("worker_id", "observer_id", "observation_date"),
        {"worker_id": "workforce.Worker", "observer_id": "workforce.Worker"},
    ),
)

# The SSD's disabilities: one row per child and code (ssd_disability), our Child.disabilities list.
DISABILITY = Table(
    "ssd_disability",
    "records.Child",
    "disa_table_id",
    "D",
    {"disa_person_id": "child_id", "disa_disability_code": "disabilities"},
    required=False,
)

LABELS: tuple[str, ...] = tuple(dict.fromkeys(t.label for t in TABLES))


def tables_for(label: str) -> list[Table]:
    return [t for t in TABLES if t.label == label]


@cache
def file_tables() -> dict[str, list[str]]:
    """Each file's name -> its columns, in the order written (companions after their tables)."""
    out: dict[str, list[str]] = {}
    for table in TABLES:
        columns = out.setdefault(table.name, [])
        columns.extend(c for c in table.all_columns if c not in columns)
        for companion in table.companions:
            extra = [companion.id_column, *(c for c in (companion.key, companion.person) if c)]
            columns = out.setdefault(companion.table, [])
            columns.extend(c for c in [*extra, *companion.columns] if c not in columns)
    out[DISABILITY.name] = DISABILITY.all_columns
    return out
