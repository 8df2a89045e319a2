"""The SSD tables of the council, its services, teams and staff, and the children (ssd_person)."""

from __future__ import annotations

from .declarations import JOB_TITLES, Table

PEOPLE: tuple[Table, ...] = (
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
)
