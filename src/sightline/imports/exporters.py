"""The record model -> plain return records for one collection year (reads only).

What each return holds for collection year Y (1 April Y-1 to 31 March Y):
- CIN census: children with a CIN episode open at any point in the year; in each episode the
  assessments, CIN plans and CP plans open in the year, the s47 enquiries started in the year
  or with their ICPC in it, and the CP plan review conferences held in the year.
- SSDA903: looked-after episodes open in the year and, for those children, reviews and missing
  episodes starting in the year, social worker episodes open in it, adoption records, OC2 and
  PrevPerm of that year; plus care leavers with a care leaver contact in the year (OC3).
Every filter keeps a record that passes it passing after a round trip, so export -> import
-> export gives the same files. Both returns are then cut to the year's end
(`sightline.returns.as_at`), so an earlier year is written as it stood on its last day.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date

from django.db.models import Q

from sightline.records import models as m
from sightline.returns.as_at import cin_as_at, ssda903_as_at
from sightline.returns.records import ChildReturn

from .loaders import PERSON_FIELDS, year_bounds

PERSON = list(PERSON_FIELDS)


def _open_in(start_field: str, end_field: str, start: date, end: date) -> Q:
    return Q(**{f"{start_field}__lte": end}) & (
        Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": start})
    )


def _people(child_ids) -> dict[int, ChildReturn]:
    out = {}
    ids = sorted(child_ids)
    for i in range(0, len(ids), 2000):
        for child in m.Child.objects.filter(pk__in=ids[i : i + 2000]).values("pk", "la_child_id", *PERSON):
            # Born or not is decided as at the year end (`person_as_at`), which sends one of the dates.
            out[child["pk"]] = ChildReturn(child["la_child_id"], person={k: child[k] for k in PERSON})
    return out


def _grouped(queryset, key="child_id"):
    groups = defaultdict(list)
    for row in queryset:
        groups[row[key]].append(row)
    return groups


def cin_children(year: int) -> list[ChildReturn]:
    start, end = year_bounds(year)
    episodes = list(
        m.CINEpisode.objects.filter(_open_in("cin_referral_date", "cin_closure_date", start, end))
        .order_by("child_id", "cin_referral_date", "pk")
        .values()
    )
    people = _people({e["child_id"] for e in episodes})
    episode_ids = [e["id"] for e in episodes]
    parts = _episode_parts(episode_ids, start, end)
    for episode in episodes:
        detail = {
            k: episode[k]
            for k in (
                "cin_referral_date",
                "referral_source",
                "primary_need_code",
                "cin_closure_date",
                "reason_for_closure",
                "referral_nfa",
            )
        }
        detail.update(
            {
                name: parts[name].get(episode["id"], [])
                for name in ("assessments", "cin_plans", "section47", "cp_plans")
            }
        )
        # An ICPC is reported once: at the s47 that led to it, else on the CIN details.
        at_s47 = {s["date_of_initial_cpc"] for s in detail["section47"]}
        icpcs = [day for day in parts["icpc"].get(episode["id"], []) if day not in at_s47]
        detail["date_of_initial_cpc"] = max(icpcs) if icpcs else None
        people[episode["child_id"]].cin.append(detail)
    return cin_as_at(sorted(people.values(), key=lambda c: c.la_child_id), end)


def _chunks(ids, size=2000):
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _episode_parts(episode_ids: list[int], start: date, end: date) -> dict[str, dict]:
    parts: dict[str, dict] = {
        name: defaultdict(list) for name in ("assessments", "cin_plans", "section47", "cp_plans", "icpc")
    }
    for ids in _chunks(episode_ids):
        for a in (
            m.Assessment.objects.filter(episode_id__in=ids)
            .filter(_open_in("assessment_actual_start_date", "assessment_authorisation_date", start, end))
            .order_by("assessment_actual_start_date", "pk")
            .values()
        ):
            parts["assessments"][a["episode_id"]].append(
                {
                    k: a[k]
                    for k in (
                        "assessment_actual_start_date",
                        "assessment_internal_review_date",
                        "assessment_authorisation_date",
                        "factors",
                    )
                }
            )
        for p in (
            m.CINPlan.objects.filter(episode_id__in=ids)
            .filter(_open_in("cin_plan_start_date", "cin_plan_end_date", start, end))
            .order_by("cin_plan_start_date", "pk")
            .values()
        ):
            parts["cin_plans"][p["episode_id"]].append(
                {"cin_plan_start_date": p["cin_plan_start_date"], "cin_plan_end_date": p["cin_plan_end_date"]}
            )
        conferences = list(
            m.ChildProtectionConference.objects.filter(episode_id__in=ids, conference_date__lte=end).values(
                "episode_id", "kind", "conference_date", "section47_id", "plan_id"
            )
        )
        icpc_of = {}
        reviews = defaultdict(list)
        for conf in conferences:
            if conf["kind"] == "ICPC":
                parts["icpc"][conf["episode_id"]].append(conf["conference_date"])
                if conf["section47_id"]:
                    icpc_of[conf["section47_id"]] = conf["conference_date"]
            elif conf["kind"] == "RCPC" and conf["plan_id"] and conf["conference_date"] >= start:
                reviews[conf["plan_id"]].append(conf["conference_date"])
        for s in (
            m.Section47Enquiry.objects.filter(episode_id__in=ids, s47_actual_start_date__lte=end)
            .order_by("s47_actual_start_date", "pk")
            .values()
        ):
            icpc = icpc_of.get(s["id"])
            if s["s47_actual_start_date"] < start and not (icpc and icpc >= start):
                continue
            parts["section47"][s["episode_id"]].append(
                {
                    "s47_actual_start_date": s["s47_actual_start_date"],
                    "initial_cpc_target": s["initial_cpc_target"],
                    "date_of_initial_cpc": icpc,
                    "icpc_not_required": s["icpc_not_required"],
                    "end_date": s["end_date"],  # not in the census; tells `cin_as_at` when it was decided
                }
            )
        for p in (
            m.CPPlan.objects.filter(episode_id__in=ids)
            .filter(_open_in("cpp_start_date", "cpp_end_date", start, end))
            .order_by("cpp_start_date", "pk")
            .values()
        ):
            parts["cp_plans"][p["episode_id"]].append(
                {
                    k: p[k]
                    for k in (
                        "cpp_start_date",
                        "cpp_end_date",
                        "initial_category_of_abuse",
                        "latest_category_of_abuse",
                        "number_of_previous_cpp",
                    )
                }
                | {"reviews": sorted(set(reviews.get(p["id"], [])))}
            )
    return parts


def _day(value):
    return value.astimezone(UTC).date() if value is not None else None


def ssda903_children(year: int) -> list[ChildReturn]:
    start, end = year_bounds(year)
    episodes = _grouped(
        m.LookedAfterEpisode.objects.filter(_open_in("decom", "dec", start, end))
        .order_by("child_id", "decom")
        .values(
            "child_id",
            "decom",
            "rne",
            "ls",
            "cin",
            "place",
            "place_provider",
            "dec",
            "rec",
            "reason_place_change",
            "home_post",
            "pl_post",
            "urn",
        )
    )
    leavers = _grouped(
        m.CareLeaverContact.objects.filter(contact_date__gte=start, contact_date__lte=end)
        .order_by("child_id", "-contact_date", "-pk")
        .values("child_id", "in_touch", "activ", "accom")
    )
    people = _people(set(episodes) | set(leavers))
    tables = _child_tables(sorted(episodes), episodes, year, start, end)
    for child_id, record in people.items():
        if child_id not in episodes:
            # Motherhood is not asked of care leavers who were not looked after in the year.
            record.person["mother"], record.person["mother_child_dob"] = "", None
        record.tables["Episodes"] = episodes.get(child_id, [])
        for row in record.tables["Episodes"]:
            row.pop("child_id", None)
        if child_id in leavers and not _looked_after_on_birthday(
            record, episodes.get(child_id, []), start, end
        ):
            row = dict(leavers[child_id][0])
            row.pop("child_id")
            record.tables["OC3"] = [row]
        if record.person.get("uasc"):
            record.tables["UASC"] = [{"uasc_ceased_date": record.person.get("uasc_ceased_date")}]
        for table, rows in tables.items():
            if child_id in rows:
                record.tables[table] = rows[child_id]
    return ssda903_as_at(sorted(people.values(), key=lambda c: c.la_child_id), end)


def _while_looked_after(episodes: list[dict], missing: dict) -> bool:
    """The child was looked after the day they went missing and the day they came back."""

    def looked_after(day) -> bool:
        return any(e["decom"] <= day and (e["dec"] is None or day <= e["dec"]) for e in episodes)

    back = _day(missing["mis_end"])
    return looked_after(_day(missing["mis_start"])) and (back is None or looked_after(back))


def _child_tables(looked_after: list[int], episodes, year: int, start: date, end: date) -> dict:
    """The 903 tables other than Header, Episodes, UASC and OC3, by child."""
    tables = {
        name: defaultdict(list)
        for name in ("Reviews", "Missing", "SWEpisodes", "OC2", "PrevPerm", "AD1", "PlacedAdoption")
    }
    for ids in _chunks(looked_after):
        for r in (
            m.LookedAfterReview.objects.filter(child_id__in=ids, review_date__gte=start, review_date__lte=end)
            .order_by("review_date", "pk")
            .values()
        ):
            tables["Reviews"][r["child_id"]].append(
                {"review_date": r["review_date"], "review_code": r["review_code"]}
            )
        for x in m.MissingEpisode.objects.filter(child_id__in=ids).order_by("mis_start", "pk").values():
            # The 903 counts missing from placement: not times missing from home before or after care.
            if start <= _day(x["mis_start"]) <= end and _while_looked_after(episodes[x["child_id"]], x):
                tables["Missing"][x["child_id"]].append(
                    {
                        "missing": x["missing"],
                        "mis_start": _day(x["mis_start"]),
                        "mis_end": _day(x["mis_end"]),
                    }
                )
        for x in (
            m.SocialWorkerEpisode.objects.filter(child_id__in=ids)
            .filter(_open_in("sw_decom", "sw_dec", start, end))
            .order_by("sw_decom", "sw_id")
            .values("child_id", "sw_id", "sw_decom", "sw_dec", "sw_reason")
        ):
            tables["SWEpisodes"][x.pop("child_id")].append(x)
        for model, table in ((m.LookedAfterOutcome, "OC2"), (m.PreviousPermanence, "PrevPerm")):
            for x in model.objects.filter(child_id__in=ids, collection_year=year).values():
                child_id = x["child_id"]
                tables[table][child_id].append(
                    {k: v for k, v in x.items() if k not in {"id", "child_id", "collection_year"}}
                )
        _adoption_rows(ids, episodes, tables, start, end)
    return tables


def _looked_after_on_birthday(record: ChildReturn, episodes: list[dict], start: date, end: date) -> bool:
    """OC3 is not wanted for a 17- or 18-year-old still looked after on their birthday in the year, nor
    for one whose care ended after it (SSDA903 rule 1016: a period of care begun after the birthday)."""
    dob = record.person.get("date_of_birth")
    if dob is None:
        return False
    for year in (start.year, end.year):
        try:
            birthday = dob.replace(year=year)
        except ValueError:
            birthday = date(year, 3, 1)
        if start <= birthday <= end and year - dob.year in (17, 18):
            return any(
                (e["decom"] <= birthday if e["dec"] is None else e["dec"] >= birthday) for e in episodes
            )
    return False


def _adoption_rows(ids, episodes, tables, start: date, end: date) -> None:
    milestones = _grouped(
        m.AdoptionMilestones.objects.filter(child_id__in=ids, date_should_be_placed__lte=end)
        .order_by("child_id", "date_should_be_placed", "pk")
        .values()
    )
    for child_id, rows in milestones.items():
        adopted = [
            e["dec"]
            for e in episodes.get(child_id, [])
            if e["rec"] in {"E11", "E12"} and e["dec"] and start <= e["dec"] <= end
        ]
        for x in rows:
            if x["no_longer_placed_date"] is None or x["no_longer_placed_date"] >= start:
                tables["PlacedAdoption"][child_id].append(
                    {
                        "date_should_be_placed": x["date_should_be_placed"],
                        "no_longer_placed_date": x["no_longer_placed_date"],
                        "reason_no_longer_placed": x["reason_no_longer_placed"],
                    }
                )
        if adopted:
            x = rows[-1]
            tables["AD1"][child_id].append(
                {
                    "date_should_be_placed": x["date_should_be_placed"],
                    "match_date": x["match_date"],
                    "foster_carer_adoption": x["foster_carer_adoption"],
                    "number_of_adopters": x["number_of_adopters"],
                    "sex_of_adopters": x["sex_of_adopters"],
                    "adopters_legal_status": x["adopters_legal_status"],
                }
            )
