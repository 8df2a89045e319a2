"""A last pass that completes the generated council with what the national returns need.

It fills the SSDA903 items the journeys do not model (OC2 outcomes, previous permanence,
social worker episodes, adopters' details, the mother field), and corrects combinations the
DfE validators reject (a placement URN where none applies, accommodation under s20 while
placed with parents, a closure reason of "closed after assessment" on an episode with plans
or no assessment). It draws from its own seeded generator, so the journeys' random stream,
and with it every calibrated figure, is unchanged.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from sightline.domain.codes import SUPPORTED_ACCOMMODATION
from sightline.domain.dates import age_on, collection_year, collection_year_bounds, latest_collection_year

from .dataset import Dataset
from .identity import upn
from .spec import CouncilSpec

URN_NOT_APPLICABLE = {"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"}
URN_AGENCY_OK = {"A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"}


def _age(dob: date | None, on: date) -> int:
    return -1 if dob is None else age_on(dob, on)


def _collection_years(spec: CouncilSpec) -> list[int]:
    """The collection years from the first our history starts in to the last ended by the reference date."""
    return list(range(collection_year(spec.history_start), latest_collection_year(spec.reference_date) + 1))


def fit_to_returns(spec: CouncilSpec, data: Dataset) -> None:
    rng = random.Random(f"returns-{spec.seed}")
    children = data.rows("records.Child")
    episodes: dict[int, list[dict]] = defaultdict(list)
    for row in data.rows("records.LookedAfterEpisode"):
        episodes[row["child_id"]].append(row)
    for rows in episodes.values():
        rows.sort(key=lambda r: r["decom"])
    _supported_accommodation(data, episodes)
    _placements(rng, episodes)
    _adoptions(rng, data)
    _mothers(spec, children, episodes)
    years = _collection_years(spec)
    _outcomes(rng, spec, data, children, episodes, years)
    _previous_permanence(data, episodes, years)
    _social_workers(data, episodes)
    _closure_reasons(data)
    _care_leaver_codes(data)
    _school_age_upns(rng, spec, children)


def _care_leaver_codes(data: Dataset) -> None:
    """OC3 wants every activity and accommodation coded: 0 (not known) rather than blank."""
    for row in data.rows("records.CareLeaverContact"):
        row["activ"] = row["activ"] or "0"
        row["accom"] = row["accom"] or "0"


def _school_age_upns(rng: random.Random, spec: CouncilSpec, children: list[dict]) -> None:
    """A child of school age by the reference date has a UPN, not the under-6 code UN6."""
    for child in children:
        dob = child["date_of_birth"]
        if child["upn_unknown"] == "UN6" and dob is not None and _age(dob, spec.reference_date) >= 5:
            child["upn"] = upn(rng, spec.la_code, dob.year + 5)
            child["upn_unknown"] = ""


def _supported_accommodation(data: Dataset, episodes: dict[int, list[dict]]) -> None:
    """H5 (semi-independent) left the 903 codes when K3 (supported accommodation) came in.

    A placement coded H5 and still running on 1 April 2024 changes type that day, as a new
    episode in the same place (RNE P, reason OTHER); its later episodes are K3 too.
    """
    for rows in episodes.values():
        for row in list(rows):
            if row["place"] != "H5" or (row["dec"] is not None and row["dec"] <= SUPPORTED_ACCOMMODATION):
                continue
            if row["decom"] >= SUPPORTED_ACCOMMODATION:
                row["place"] = "K3"
                continue
            after = {key: value for key, value in row.items() if key != "id"}
            after.update(decom=SUPPORTED_ACCOMMODATION, rne="P", place="K3", urn="XXXXXXX")
            row.update(dec=SUPPORTED_ACCOMMODATION, rec="X1", reason_place_change="OTHER")
            data.add("records.LookedAfterEpisode", **after)
            rows.insert(rows.index(row) + 1, data.rows("records.LookedAfterEpisode")[-1])


def _placements(rng: random.Random, episodes: dict[int, list[dict]]) -> None:
    """URNs where the 903 wants them: one per placement, however many episodes it spans."""
    for rows in episodes.values():
        urns: dict[tuple, str] = {}
        for row in rows:
            placement = (row["place"], row["place_provider"], row["pl_post"])
            if row["place"] in URN_NOT_APPLICABLE:
                row["urn"] = ""
            elif row["urn"] == "XXXXXXX" and row["place"] not in URN_AGENCY_OK:
                if placement not in urns:
                    urns[placement] = f"SC{rng.randrange(100000, 999999)}"
                row["urn"] = urns[placement]
        _placed_with_parents_under_order(rows)


def _placed_with_parents_under_order(rows: list[dict]) -> None:
    """Placed with parents is lawful under a care order, never under s20: make the status C2.

    Each new episode's reason (RNE) then says whether the legal status changed too, judged
    against the episode before it (a move from one parental placement to another stays "P").
    """
    before = [row["ls"] for row in rows]
    for row in rows:
        if row["place"] == "P1" and row["ls"] == "V2":
            row["ls"] = "C2"
    add_legal = {"P": "B", "T": "U"}
    drop_legal = {"B": "P", "U": "T", "L": None}
    for index in range(1, len(rows)):
        row, previous = rows[index], rows[index - 1]
        if row["rne"] == "S" or previous["dec"] != row["decom"]:
            continue
        was_change = before[index] != before[index - 1]
        is_change = row["ls"] != previous["ls"]
        if is_change and not was_change:
            row["rne"] = add_legal.get(row["rne"], row["rne"])
        elif was_change and not is_change and drop_legal.get(row["rne"]):
            row["rne"] = drop_legal[row["rne"]]


def _adoptions(rng: random.Random, data: Dataset) -> None:
    for row in data.rows("records.AdoptionMilestones"):
        if row["adoption_order_date"] is None:
            continue
        couple = rng.random() < 0.8
        row["number_of_adopters"] = "2" if couple else "1"
        row["sex_of_adopters"] = (
            rng.choice(["MF", "MF", "MF", "MM", "FF"]) if couple else rng.choice(["F1", "M1"])
        )
        # L11 a different-sex couple, L12 a same-sex couple, L0 a single adopter.
        row["adopters_legal_status"] = (
            ("L11" if row["sex_of_adopters"] == "MF" else "L12") if couple else "L0"
        )


def _mothers(spec: CouncilSpec, children: list[dict], episodes) -> None:
    """The 903 wants MOTHER for every looked-after girl: 0 unless she has a child (none here)."""
    for child_id in episodes:
        child = children[child_id - 1]
        if child["sex"] == "F":
            child["mother"] = "0"


def _continuously_looked_after(rows: list[dict], start: date, end: date) -> bool:
    """Looked after every day from `start` to `end` (no gap, no short-break status)."""
    covered = start
    for row in rows:
        if row["ls"] in {"V3", "V4"} and row["decom"] <= end and (row["dec"] is None or row["dec"] >= start):
            return False
        if row["decom"] <= covered and (row["dec"] is None or row["dec"] >= covered):
            covered = end + timedelta(days=1) if row["dec"] is None else max(covered, row["dec"])
            if row["dec"] is not None and row["rec"] != "X1" and row["dec"] < end:
                return False
    return covered > end or covered == end


def _outcomes(rng, spec, data: Dataset, children, episodes, years: list[int]) -> None:
    checks: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for row in data.rows("records.HealthCheck"):
        checks[row["child_id"]].append((row["check_date"], row["kind"]))
    for year in years:
        start, end = collection_year_bounds(year)
        for child_id, rows in episodes.items():
            dob = children[child_id - 1]["date_of_birth"]
            if not _continuously_looked_after(rows, end - timedelta(days=364), end):
                continue
            age = _age(dob, end)
            in_year = [kind for day, kind in checks.get(child_id, []) if start <= day <= end]
            data.add(
                "records.LookedAfterOutcome",
                child_id=child_id,
                collection_year=year,
                sdq_score=str(rng.randint(4, 26)) if 4 <= age <= 17 else "",
                sdq_reason="",
                convicted="0" if age >= 10 else "",
                health_check="1" if age < 5 else "",
                immunisations="1",
                teeth_check="1" if "DENTAL" in in_year else "0",
                health_assessment="1" if {"IHA", "RHA"} & set(in_year) else "0",
                substance_misuse="0",
                intervention_received="",
                intervention_offered="",
            )


def _previous_permanence(data: Dataset, episodes, years: list[int]) -> None:
    seen = set()
    for child_id, rows in episodes.items():
        for row in rows:
            if row["rne"] != "S":
                continue
            year = collection_year(row["decom"])
            if year in years and (child_id, year) not in seen:
                seen.add((child_id, year))
                data.add(
                    "records.PreviousPermanence",
                    child_id=child_id,
                    prev_perm="Z1",
                    la_perm="",
                    date_perm="",
                    collection_year=year,
                )


def _social_workers(data: Dataset, episodes) -> None:
    """Social worker episodes (903 SWEpisodes) from the social worker allocations of looked-after children."""
    workers = data.rows("workforce.Worker")
    by_child: dict[int, list[dict]] = defaultdict(list)
    for row in data.rows("workforce.Allocation"):
        if row["role"] == "SW" and row["child_id"] in episodes:
            by_child[row["child_id"]].append(row)
    for child_id, rows in by_child.items():
        rows.sort(key=lambda r: r["start_date"])
        kept: list[dict] = []
        for row in rows:
            worker = workers[row["worker_id"] - 1]
            sw_id = worker["swe_number"] or f"XX{worker['staff_id']}"
            end = row["end_date"]
            if end is not None and (end - row["start_date"]).days < 3:
                continue  # a hand-over of a day or two is not a social worker episode
            # SW_REASON is why this worker took over: FCONTA opens a new run of episodes
            # (first contact, or after a gap of over a week), else the previous worker left
            # (LEFTRL) or the case moved between workers (MANAGE).
            previous = kept[-1] if kept else None
            if (
                previous is None
                or previous["end_date"] is None
                or (row["start_date"] - previous["end_date"]).days > 7
            ):
                reason = "FCONTA"
            else:
                before = workers[previous["worker_id"] - 1]
                left = before["leave_date"] is not None and before["leave_date"] <= row[
                    "start_date"
                ] + timedelta(days=7)
                reason = "LEFTRL" if left else "MANAGE"
            kept.append(row)
            data.add(
                "records.SocialWorkerEpisode",
                child_id=child_id,
                sw_id=sw_id,
                sw_decom=row["start_date"],
                sw_dec=end,
                sw_reason=reason,
            )


def _closure_reasons(data: Dataset) -> None:
    """RC8/RC9 mean closed after assessment: only for an episode with an assessment and nothing after it."""
    assessed = {row["episode_id"] for row in data.rows("records.Assessment")}
    active = set()
    for label in ("records.CINPlan", "records.Section47Enquiry", "records.CPPlan"):
        active.update(row["episode_id"] for row in data.rows(label))
    for row in data.rows("records.CINEpisode"):
        if row["reason_for_closure"] in {"RC8", "RC9"} and (row["id"] not in assessed or row["id"] in active):
            row["reason_for_closure"] = "RC7"
