"""Reading an SSD extract: a council's own extract, without Sightline's `sl_` columns."""

from __future__ import annotations

from sightline.returns.ssd import Extract, records_of


def _extract(professionals: list[dict]) -> Extract:
    tables = {
        "ssd_department": [
            {"dept_team_id": "D1", "dept_team_name": "Children's Services", "dept_team_parent_id": ""},
            {"dept_team_id": "D7", "dept_team_name": "Youth Support Team West", "dept_team_parent_id": "D1"},
            {"dept_team_id": "D9", "dept_team_name": "Assessment Team", "dept_team_parent_id": "D1"},
        ],
        "ssd_professionals": professionals,
        "ssd_involvements": [
            {
                "invo_involvements_id": "I1",
                "invo_professional_id": "W2",
                "invo_professional_team": "D7",
                "invo_involvement_start_date": "2023-05-02 09:00:00",
                "invo_person_id": "P1",
            },
            {
                "invo_involvements_id": "I2",
                "invo_professional_id": "W2",
                "invo_professional_team": "D9",
                "invo_involvement_start_date": "2024-09-30T00:00:00",
                "invo_person_id": "P2",
            },
            {
                "invo_involvements_id": "I3",
                "invo_professional_id": "W2",
                "invo_professional_team": "D7",
                "invo_involvement_start_date": "not recorded",
                "invo_person_id": "P3",
            },
        ],
    }
    for rows in tables.values():
        for n, row in enumerate(rows, start=2):
            row["_row"] = n
    return Extract(tables=tables, files={name: f"{name}.csv" for name in tables})


def _worker(row: dict) -> dict:
    base = {
        "prof_professional_id": "W1",
        "prof_staff_id": "S1",
        "prof_professional_job_title": "Social Worker",
    }
    (worker,) = records_of(_extract([{**base, **row}]))["workforce.Worker"]
    return worker


def test_the_team_is_the_department_the_ssd_names():
    worker = _worker(
        {
            "prof_professional_department": " youth support team WEST ",
            "prof_professional_name": "Amara Okafor-Jones",
        }
    )
    assert worker["team_id"] == "D7"
    assert (worker["first_name"], worker["last_name"]) == ("Amara", "Okafor-Jones")


def test_without_a_known_department_the_team_and_start_are_the_involvements():
    worker = _worker(
        {
            "prof_professional_id": "W2",
            "prof_professional_department": "Somewhere Else",
            "prof_professional_name": "Cher",
        }
    )
    assert worker["team_id"] == "D9"  # the latest involvement's
    assert worker["start_date"] == "2023-05-02"  # the first involvement's day
    assert (worker["first_name"], worker["last_name"]) == ("", "Cher")


def test_sightlines_own_columns_win():
    worker = _worker(
        {
            "prof_professional_department": "Youth Support Team West",
            "sl_team_id": "D9",
            "sl_start_date": "2020-01-06",
            "sl_first_name": "Ann",
            "sl_last_name": "Lee",
            "prof_professional_name": "Someone Else",
        }
    )
    assert (worker["team_id"], worker["start_date"]) == ("D9", "2020-01-06")
    assert (worker["first_name"], worker["last_name"]) == ("Ann", "Lee")


def test_a_worker_with_no_involvements_has_been_there_since_the_records_begin():
    worker = _worker({"prof_professional_id": "W5", "prof_professional_department": "Assessment Team"})
    assert (worker["team_id"], worker["start_date"]) == ("D9", "2023-05-02")


def test_a_worker_with_nothing_to_go_on_is_left_for_the_loader_to_name():
    (worker,) = records_of(
        Extract(
            tables={"ssd_professionals": [{"prof_professional_id": "W5", "_row": 2}]},
            files={"ssd_professionals": "p.csv"},
        )
    )["workforce.Worker"]
    assert "team_id" not in worker and "start_date" not in worker


def test_a_records_digest_is_its_fields_sorted_by_name_whatever_their_order():
    import hashlib
    import random

    from sightline.returns.ssd import digest

    rng = random.Random(4)
    for _ in range(200):
        # Values a repr quotes or a format string reads (the digest fills in a shape made once).
        odd = ["it's", '"', "100%", "%r %s", None, "\\", "é"]
        fields = {
            f"f{rng.randrange(30)}": rng.choice(["", "Y", "2025-01-02", str(rng.random()), *odd])
            for _ in range(rng.randrange(9))
        }
        notes = {"_row": rng.randrange(100), "_file": "x.csv"}
        record = dict(rng.sample(list({**fields, **notes}.items()), len(fields) + 2))
        # As digests were made before they were cached (stored digests must still match).
        before = hashlib.sha1(repr(sorted(fields.items())).encode(), usedforsecurity=False).hexdigest()
        assert digest(record) == before
        assert digest({**record, "_row": -1}) == before
        if fields:
            changed = dict(record, **{next(iter(fields)): "changed"})
            assert digest(changed) != before
