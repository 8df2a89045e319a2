"""Ofsted Annex A into the record model: the loader (the exporter is `annex_a_exporter`).

Columns that are facts (dates, codes) are loaded into the records, matched by child and the
row's own date. Figures the records cannot recompute from the workbook alone, and lists 8
and 11, are kept as reported (`sightline.imports.reported`) for the reference date.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sightline.records import models as m
from sightline.returns.annex_a import code
from sightline.returns.common import collecting_later
from sightline.returns.records import ReturnData

from . import reported
from .loaders import Loader, year_bounds
from .sync import InstanceSync

GENDER_IN = {"a": "M", "b": "F", "c": "U", "d": "U", "m": "M", "f": "F", "u": "U", "male": "M", "female": "F"}
YES = {"yes", "y", "a", "true", "1"}
NO = {"no", "n", "b", "false", "0"}


def _bool(value) -> bool | None:
    text = code(value).lower() if value is not None else ""
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def _nulls_last(value):
    return (value is None, value if value is not None else "")


def _numbered(child: m.Child, rows: list[dict], day: str, order: tuple[str, ...]):
    """(key, values) for a child's rows of one list, numbered within each day in `order`.

    Annex A rows carry no identifier and a child can have two on one day (two contacts, even
    from the same source), so (child, day) alone would merge them; the number tells them apart
    the same way on every import.
    """
    rows = sorted(rows, key=lambda v: (_nulls_last(v[day]), *(_nulls_last(v[f]) for f in order)))
    seen: Counter = Counter()
    for values in rows:
        seen[values[day]] += 1
        yield (child.pk, values[day], seen[values[day]] - 1), values


class AnnexALoader(Loader):
    """Annex A rows into the record model, matched by child and the row's own date."""

    # The children are edited after they are synced (the disability flag), and kept as reported.
    sync = InstanceSync

    def __init__(self, data: ReturnData, year: int | None) -> None:
        super().__init__(data, year)
        _, end = year_bounds(year)
        self.reference = data.header.get("reference_date") or end
        for record in data.children.values():
            record.person = self._person(record)
            born = record.person.get("date_of_birth")
            # Annex A gives an unborn child's expected date of birth in that column: one after the
            # year end, or one with no age beside it for a child of unknown sex (a due date passed
            # without a birth recorded yet).
            no_age = record.person.pop("no_age", False)
            if born and (born > end or (no_age and record.person.get("sex") == "U")):
                record.person["expected_date_of_birth"] = record.person.pop("date_of_birth")

    def children(self) -> dict[str, m.Child]:
        """As for every return, plus Annex A's Yes/No disability, kept unless it contradicts the record."""
        children = super().children()
        changed = []
        for child_id, record in self.data.children.items():
            flag = next(
                (
                    _bool(row.get("Disability"))
                    for rows in record.tables.values()
                    for row in rows
                    if row.get("Disability")
                ),
                None,
            )
            child = children[child_id]
            if flag is not None and flag != any(d != "NONE" for d in child.disabilities):
                child.disabilities = ["DDA"] if flag else ["NONE"]
                changed.append(child)
        m.Child.objects.bulk_update(changed, ["disabilities"], batch_size=1000)
        self.counts[("child", "updated")] += len(changed)
        return children

    @staticmethod
    def _person(record) -> dict:
        for rows in record.tables.values():
            for row in rows:
                if "Gender" not in row:
                    continue
                person = {}
                gender = code(row.get("Gender") or "").lower()
                if gender in GENDER_IN or str(row.get("Gender") or "").lower() in GENDER_IN:
                    person["sex"] = GENDER_IN.get(gender) or GENDER_IN[str(row["Gender"]).lower()]
                if row.get("Ethnicity"):
                    person["ethnicity"] = code(row["Ethnicity"]).upper()
                if row.get("Date of Birth"):
                    person["date_of_birth"] = row["Date of Birth"]
                    person["no_age"] = row.get("Age of Child (Years)") in (None, "")
                return person
        return {}

    @collecting_later()
    def load(self) -> Counter:
        # List 11 is keyed by adopter, not child: its rows are kept as reported, not as children.
        adopters = [row for record in self.data.children.values() for row in record.tables.pop("list11", [])]
        self.data.children = {k: v for k, v in self.data.children.items() if any(v.tables.values())}
        children = self.children()
        ids = [c.pk for c in children.values()]
        self._simple(children)
        self._cin(children, ids)
        reported.store(self.data, children, adopters, self.reference, self.counts)
        return self.counts

    def _simple(self, children) -> None:
        contacts = self._numbered_sync(m.Contact, children, "contact_date", ("source",))
        early = self._numbered_sync(
            m.EarlyHelpAssessment, children, "start_date", ("completion_date", "organisation")
        )
        leavers = self._by_child(m.CareLeaverContact, children, lambda x: (x.child_id, x.contact_date))
        adoption = self._by_child(
            m.AdoptionMilestones, children, lambda x: (x.child_id, x.date_should_be_placed)
        )
        for child_id, record in self.data.children.items():
            child = children[child_id]
            found = [
                {
                    "child": child,
                    "contact_date": row["Date of Contact"],
                    "source": code(row["Contact Source"]).upper(),
                }
                for row in record.tables.get("list1", [])
            ]
            for key, values in _numbered(child, found, "contact_date", ("source",)):
                if contacts.get(key) is None:
                    values["outcome"] = ""
                contacts.put(key, values)
            found = [
                {
                    "child": child,
                    "start_date": row["Assessment start date"],
                    "completion_date": row["Assessment completion date"],
                    "organisation": row["Organisation completing assessment"] or "",
                }
                for row in record.tables.get("list2", [])
            ]
            for key, values in _numbered(child, found, "start_date", ("completion_date", "organisation")):
                early.put(key, values)
            for row in record.tables.get("list9", []):
                leavers.put(
                    (child.pk, row["Date of Latest Contact"]),
                    {
                        "child": child,
                        "contact_date": row["Date of Latest Contact"],
                        "in_touch": code(row["LA in Touch"]).upper(),
                        "activ": code(row["Activity Status"] or "").upper(),
                        "accom": code(row["Accommodation Type and Suitability"] or "").upper(),
                    },
                )
            for row in record.tables.get("list10", []):
                decided = row["Date of Decision that the Child Should be Placed for Adoption"]
                adoption.put(
                    (child.pk, decided),
                    {
                        "child": child,
                        "date_should_be_placed": decided,
                        "placement_order_date": row["Date of Placement Order"],
                        "match_date": row["Date of Matching Child and Prospective Adopters"],
                        "placed_date": row["Date Placed for Adoption"],
                        "adoption_order_date": row["Date of Adoption Order"],
                        "no_longer_placed_date": row[
                            "Date of Decision that Child Should No Longer be Placed for Adoption"
                        ],
                    },
                )
        for sync in (contacts, early, leavers, adoption):
            sync.flush()

    def _numbered_sync(self, model, children, day: str, order: tuple[str, ...]) -> InstanceSync:
        """Stored rows keyed as `_numbered` keys the list's rows: child, day, place that day."""
        seen: Counter = Counter()

        def key(obj):
            base = (obj.child_id, getattr(obj, day))
            seen[base] += 1
            return (*base, seen[base] - 1)

        def place(obj):
            return (
                obj.child_id,
                _nulls_last(getattr(obj, day)),
                *(_nulls_last(getattr(obj, f)) for f in order),
                obj.pk,
            )

        return self._by_child(model, children, key, sort=place)

    def _cin(self, children, ids) -> None:
        episodes = self._by_child(m.CINEpisode, children, lambda x: (x.child_id, x.cin_referral_date))
        visits = self._by_child(m.Visit, children, lambda x: (x.child_id, x.kind, x.visit_date))
        for child_id, record in self.data.children.items():
            child = children[child_id]
            for row in record.tables.get("list6", []):
                stored = episodes.get((child.pk, row["CIN Start Date"]))
                values = {
                    "child": child,
                    "cin_referral_date": row["CIN Start Date"],
                    "primary_need_code": code(row["Primary Need Code"]).upper(),
                    "cin_closure_date": row["CIN Closure Date"],
                    "reason_for_closure": code(row["Reason for Closure"] or "").upper(),
                }
                if stored is None:
                    values.update(referral_source="10", referral_nfa=False)
                episodes.put((child.pk, row["CIN Start Date"]), values)
                seen = row["Date Child Was Last Seen"]
                if (
                    seen
                    and visits.get((child.pk, "CIN", seen)) is None
                    and not any(visits.get((child.pk, k, seen)) for k in ("CP", "CLA", "ASMT"))
                ):
                    visits.put(
                        (child.pk, "CIN", seen),
                        {"child": child, "kind": "CIN", "visit_date": seen, "seen": True},
                    )
            for row in record.tables.get("list3", []):
                values = {
                    "child": child,
                    "cin_referral_date": row["Date of referral"],
                    "referral_source": code(row["Referral Source"]).upper(),
                    "referral_nfa": bool(_bool(row["Referral NFA?"])),
                }
                if episodes.get((child.pk, row["Date of referral"])) is None:
                    values["primary_need_code"] = "N0"
                episodes.put((child.pk, row["Date of referral"]), values)
        episodes.flush()
        self._episode_parts(children, episodes, visits)

    def _warning(self, row: dict, column: str, child_id: str):
        from pathlib import Path

        from sightline.returns.common import Problem

        message = "no CIN episode in list 6 contains this date, so the row is not loaded"
        return Problem(Path(self.data.files[0]).name, row["where"], column, message, child_id, "warning")

    def _episode_parts(self, children, episodes: InstanceSync, visits: InstanceSync) -> None:
        by_child = defaultdict(list)
        for (child_pk, _), episode in episodes.existing.items():
            by_child[child_pk].append(episode)

        def episode_for(child, day):
            for e in sorted(by_child[child.pk], key=lambda e: e.cin_referral_date, reverse=True):
                if e.cin_referral_date <= day and (e.cin_closure_date is None or e.cin_closure_date >= day):
                    return e
            return None

        assessments = self._by_child(
            m.Assessment, children, lambda x: (x.child_id, x.assessment_actual_start_date)
        )
        plans = self._by_child(m.CPPlan, children, lambda x: (x.child_id, x.cpp_start_date))
        s47s = self._by_child(m.Section47Enquiry, children, lambda x: (x.child_id, x.s47_actual_start_date))
        conferences = self._by_child(
            m.ChildProtectionConference, children, lambda x: (x.child_id, x.kind, x.conference_date)
        )
        links = []
        for child_id, record in self.data.children.items():
            child = children[child_id]
            for table, date_column in (
                ("list4", "Continuous Assessment Start Date"),
                ("list5", "Strategy discussion initiating Section 47 Enquiry Start Date"),
                ("list7", "Child Protection Plan Start Date"),
            ):
                for row in record.tables.get(table, []):
                    episode = episode_for(child, row[date_column])
                    if episode is None:
                        self.data.problems.append(self._warning(row, date_column, child_id))
                        continue
                    links.append((table, child, episode, row))
        syncs = {
            "assessments": assessments,
            "plans": plans,
            "s47s": s47s,
            "conferences": conferences,
            "visits": visits,
        }
        for table, child, episode, row in links:
            base = {"child": child, "episode": episode}
            {"list4": self._assessment, "list5": self._section47, "list7": self._plan}[table](
                syncs, base, row
            )
        for sync in (s47s, plans):
            sync.flush()
        for sync in (assessments, conferences, visits):
            sync.flush()

    @staticmethod
    def _assessment(syncs, base, row) -> None:
        child = base["child"]
        start = row["Continuous Assessment Start Date"]
        stored = syncs["assessments"].get((child.pk, start))
        values = {
            **base,
            "assessment_actual_start_date": start,
            "child_seen": bool(_bool(row["Child Seen During Continuous Assessment"])),
            "assessment_authorisation_date": row["Continuous Assessment Date of Authorisation"],
        }
        needs = _bool(row["Was the child assessed as requiring LA children's social care support?"])
        current = None if stored is None or not stored.outcome else stored.outcome in {"CIN", "S47", "CLA"}
        if needs != current:
            values["outcome"] = "" if needs is None else ("CIN" if needs else "NFA")
        syncs["assessments"].put((child.pk, start), values)

    @staticmethod
    def _section47(syncs, base, row) -> None:
        child = base["child"]
        start = row["Strategy discussion initiating Section 47 Enquiry Start Date"]
        unnecessary = _bool(row["Was an Initial Child Protection Conference deemed unnecessary?"])
        s47 = syncs["s47s"].put(
            (child.pk, start),
            {**base, "s47_actual_start_date": start, "icpc_not_required": bool(unnecessary)},
        )
        day = row["Date of Initial Child Protection Conference"]
        if day:
            decided = _bool(
                row["Did the Initial Child Protection Conference Result in a Child Protection Plan"]
            )
            syncs["conferences"].put(
                (child.pk, "ICPC", day),
                {
                    **base,
                    "kind": "ICPC",
                    "conference_date": day,
                    "section47": s47,
                    "plan_decided": bool(decided),
                },
            )

    @staticmethod
    def _plan(syncs, base, row) -> None:
        child = base["child"]
        start = row["Child Protection Plan Start Date"]
        plan = syncs["plans"].put(
            (child.pk, start),
            {
                **base,
                "cpp_start_date": start,
                "cpp_end_date": row["Child Protection Plan End Date"],
                "initial_category_of_abuse": code(row["Initial Category of Abuse"]).upper(),
                "latest_category_of_abuse": code(row["Latest Category of Abuse"]).upper(),
                "number_of_previous_cpp": int(row["Number of Previous Child Protection Plans"] or 0),
            },
        )
        day = row["Date of latest review conference"]
        if day:
            syncs["conferences"].put(
                (child.pk, "RCPC", day),
                {**base, "kind": "RCPC", "conference_date": day, "plan": plan, "plan_decided": True},
            )
        day = row["Date of the Last Statutory Visit"]
        if day:
            alone = bool(_bool(row["Was the Child Seen Alone?"]))
            syncs["visits"].put(
                (child.pk, "CP", day),
                {"child": child, "kind": "CP", "visit_date": day, "seen": alone, "seen_alone": alone},
            )
