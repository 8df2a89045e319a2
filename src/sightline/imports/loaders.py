"""Plain return records -> the record model, updating children by LA child ID.

Each record is matched to what is stored by a natural key (a CIN episode by its referral
date, a looked-after episode by its start, a review by its date ...). Rows in the file are
added or updated; stored rows the file does not mention are left alone, because a return
covers one year and the record model holds every year.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime

from django.db import connection

from sightline.domain.dates import collection_year_bounds as year_bounds
from sightline.records import models as m
from sightline.returns.common import collecting_later
from sightline.returns.records import ChildReturn, ReturnData

from .sync import InstanceSync, Row, Sync

# The child's own items in the returns, in the order the exporters write them.
PERSON_FIELDS = (
    "upn",
    "former_upn",
    "upn_unknown",
    "date_of_birth",
    "expected_date_of_birth",
    "sex",
    "death_date",
    "ethnicity",
    "disabilities",
    "mother",
    "mother_child_dob",
    "uasc",
    "uasc_ceased_date",
)


def among(queryset, column: str, ids: list[int]):
    """`queryset` kept to rows whose `column` is one of `ids` (stored ids: whole numbers), written
    into the SQL as numbers: a filter `__in` prepares each of thousands of ids through the ORM."""
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    listed = ", ".join(map(str, map(int, ids))) or "NULL"
    return queryset.extra(where=[f"{table}.{connection.ops.quote_name(column)} IN ({listed})"])


def keyed_by(queryset, column: str, keys: list[str]):
    """`queryset` kept to rows whose `column` is one of `keys`, the keys passed to the database as
    they are (a filter `__in` prepares each of thousands through the field)."""
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    listed = ", ".join(["%s"] * len(keys)) or "NULL"
    return queryset.extra(where=[f"{table}.{connection.ops.quote_name(column)} IN ({listed})"], params=keys)


def _clean(row: dict, drop=("where",)) -> dict:
    return {k: v for k, v in row.items() if k not in drop}


def _on(value: date | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def _day(value: datetime | None) -> date | None:
    return value.astimezone(UTC).date() if value is not None else None


class Loader:
    """Loads one return inside the caller's transaction; `counts` says what changed."""

    # Plain rows (`Row`s); a loader that edits the stored objects afterwards takes InstanceSync.
    sync: type[Sync] | type[InstanceSync] = Sync

    def __init__(self, data: ReturnData, year: int | None) -> None:
        self.data = data
        self.year = year
        self.counts: Counter = Counter()

    def children(self) -> dict[str, Row]:
        ids = list(self.data.children)
        sync = self.sync(m.Child, lambda c: c.la_child_id, self.counts)
        for start in range(0, len(ids), 2000):
            sync.preload(keyed_by(m.Child.objects.all(), "la_child_id", ids[start : start + 2000]))
        out = {}
        for child_id, record in self.data.children.items():
            values = {k: v for k, v in record.person.items() if k in PERSON_FIELDS}
            if record.tables.get("UASC"):
                values["uasc"] = True
                values["uasc_ceased_date"] = record.tables["UASC"][0].get("uasc_ceased_date")
            existing = sync.get(child_id)
            if existing is None:
                values = {"la_child_id": child_id, "first_name": "", "last_name": "", **values}
                values.setdefault("ethnicity", "NOBT")
                values.setdefault("sex", "U")
            out[child_id] = sync.put(child_id, values)
        sync.flush()
        return out

    def _by_child(self, model, children, key, *, sort=None, **extra) -> Sync:
        """A Sync of the children's stored rows; `sort` orders them (in Python) before keying."""
        sync = self.sync(model, key, self.counts)
        stored = [c.pk for c in children.values() if c.pk]
        for start in range(0, len(stored), 2000):
            sync.preload(among(model.objects.filter(**extra), "child_id", stored[start : start + 2000]), sort)
        return sync


class CINLoader(Loader):
    @collecting_later()
    def load(self) -> Counter:
        children = self.children()
        episodes = self._by_child(m.CINEpisode, children, lambda e: (e.child_id, e.cin_referral_date))
        pending = []
        for child_id, record in self.data.children.items():
            child = children[child_id]
            for detail in record.cin:
                values = {
                    "child": child,
                    **{
                        k: detail[k] or ("" if k == "reason_for_closure" else None)
                        for k in (
                            "cin_referral_date",
                            "referral_source",
                            "primary_need_code",
                            "cin_closure_date",
                        )
                    },
                    "reason_for_closure": detail["reason_for_closure"] or "",
                    "referral_nfa": detail["referral_nfa"],
                }
                episode = episodes.put((child.pk, detail["cin_referral_date"]), values)
                pending.append((child, episode, detail))
        episodes.flush()
        self._episode_parts(pending)
        self._pre_proceedings(children)
        return self.counts

    def _pre_proceedings(self, children) -> None:
        """PreProceedingsandFGDM into the child's care proceedings, matched by the PLO start."""
        if not any(d.get("pre_proceedings") for r in self.data.children.values() for d in r.cin):
            return
        sync = self._by_child(m.CareProceedings, children, lambda x: (x.child_id, x.plo_start_date))
        for child_id, record in self.data.children.items():
            child = children[child_id]
            for detail in record.cin:
                for row in detail.get("pre_proceedings", []):
                    values = {"child": child, **_clean(row)}
                    values["pre_proceedings_outcome"] = values.get("pre_proceedings_outcome") or ""
                    sync.put((child.pk, row["plo_start_date"]), values)
        sync.flush()

    def _episode_parts(self, pending) -> None:
        episode_ids = [e.pk for _, e, _ in pending]

        def in_episodes(model, key):
            sync = self.sync(model, key, self.counts)
            for start in range(0, len(episode_ids), 2000):
                sync.preload(among(model.objects.all(), "episode_id", episode_ids[start : start + 2000]))
            return sync

        assessments = in_episodes(m.Assessment, lambda a: (a.episode_id, a.assessment_actual_start_date))
        plans = in_episodes(m.CINPlan, lambda p: (p.episode_id, p.cin_plan_start_date))
        s47s = in_episodes(m.Section47Enquiry, lambda s: (s.episode_id, s.s47_actual_start_date))
        cpps = in_episodes(m.CPPlan, lambda p: (p.episode_id, p.cpp_start_date))
        links = []
        for child, episode, detail in pending:
            base = {"child": child, "episode": episode}
            for a in detail["assessments"]:
                assessments.put((episode.pk, a["assessment_actual_start_date"]), {**base, **_clean(a)})
            for p in detail["cin_plans"]:
                plans.put((episode.pk, p["cin_plan_start_date"]), {**base, **_clean(p)})
            for s in detail["section47"]:
                values = _clean(s, ("where", "date_of_initial_cpc"))
                s47 = s47s.put((episode.pk, s["s47_actual_start_date"]), {**base, **values})
                links.append(("s47", child, episode, s47, s["date_of_initial_cpc"]))
            for p in detail["cp_plans"]:
                values = _clean(p, ("where", "reviews"))
                plan = cpps.put((episode.pk, p["cpp_start_date"]), {**base, **values})
                links.extend(("review", child, episode, plan, day) for day in p["reviews"])
            if detail.get("date_of_initial_cpc"):
                links.append(("icpc", child, episode, None, detail["date_of_initial_cpc"]))
        for sync in (assessments, plans, s47s, cpps):
            sync.flush()
        self._conferences(episode_ids, links)

    def _conferences(self, episode_ids, links) -> None:
        by_s47 = self.sync(m.ChildProtectionConference, lambda c: ("s47", c.section47_id), self.counts)
        by_date = self.sync(
            m.ChildProtectionConference, lambda c: (c.kind, c.episode_id, c.conference_date), self.counts
        )
        by_plan = self.sync(
            m.ChildProtectionConference, lambda c: ("plan", c.plan_id, c.conference_date), self.counts
        )
        for start in range(0, len(episode_ids), 2000):
            chunk = among(
                m.ChildProtectionConference.objects.all(), "episode_id", episode_ids[start : start + 2000]
            )
            by_s47.preload(chunk.filter(kind="ICPC", section47__isnull=False))
            by_date.preload(chunk)
            by_plan.preload(chunk.filter(kind="RCPC", plan__isnull=False))
        icpc_days = defaultdict(set)
        for kind, child, episode, parent, day in links:
            if kind == "s47" and day:
                icpc_days[episode.pk].add(day)
                by_s47.put(
                    ("s47", parent.pk),
                    {
                        "child": child,
                        "episode": episode,
                        "kind": "ICPC",
                        "conference_date": day,
                        "section47": parent,
                    },
                )
            elif kind == "review":
                by_plan.put(
                    ("plan", parent.pk, day),
                    {
                        "child": child,
                        "episode": episode,
                        "kind": "RCPC",
                        "conference_date": day,
                        "plan": parent,
                    },
                )
        for kind, child, episode, _, day in links:
            if kind == "icpc" and day not in icpc_days[episode.pk]:
                key = ("ICPC", episode.pk, day)
                if by_date.get(key) is None:
                    by_date.put(
                        key, {"child": child, "episode": episode, "kind": "ICPC", "conference_date": day}
                    )
                else:
                    self.counts[("childprotectionconference", "unchanged")] += 1
        for sync in (by_s47, by_plan, by_date):
            sync.flush()


class SSDA903Loader(Loader):
    @collecting_later()
    def load(self) -> Counter:
        children = self.children()
        start, end = year_bounds(self.year)
        episodes = self._by_child(m.LookedAfterEpisode, children, lambda e: (e.child_id, e.decom))
        reviews = self._by_child(m.LookedAfterReview, children, lambda r: (r.child_id, r.review_date))
        missing = self._by_child(
            m.MissingEpisode, children, lambda x: (x.child_id, x.missing, _day(x.mis_start))
        )
        oc3 = self._by_child(
            m.CareLeaverContact,
            children,
            lambda x: x.child_id,
            contact_date__gte=start,
            contact_date__lte=end,
        )
        oc2 = self._by_child(m.LookedAfterOutcome, children, lambda x: x.child_id, collection_year=self.year)
        prev = self._by_child(m.PreviousPermanence, children, lambda x: x.child_id, collection_year=self.year)
        sw = self._by_child(m.SocialWorkerEpisode, children, lambda x: (x.child_id, x.sw_decom, x.sw_id))
        adoption = self._by_child(
            m.AdoptionMilestones, children, lambda x: (x.child_id, x.date_should_be_placed)
        )
        for child_id, record in self.data.children.items():
            child = children[child_id]
            for row in record.tables.get("Episodes", []):
                episodes.put((child.pk, row["decom"]), {"child": child, **_clean(row)})
            for row in record.tables.get("Reviews", []):
                reviews.put(
                    (child.pk, row["review_date"]),
                    {"child": child, **_clean(row, ("where", "date_of_birth"))},
                )
            for row in record.tables.get("Missing", []):
                self._missing(missing, child, row)
            for row in record.tables.get("OC3", [])[:1]:
                values = {"child": child, **_clean(row, ("where", "date_of_birth"))}
                values["contact_date"] = _birthday_in(child.date_of_birth, start, end)
                stored = oc3.get(child.pk)
                if stored is not None:
                    values["contact_date"] = stored.contact_date
                oc3.put(child.pk, values)
            for table, sync in (("OC2", oc2), ("PrevPerm", prev)):
                for row in record.tables.get(table, [])[:1]:
                    sync.put(
                        child.pk,
                        {
                            "child": child,
                            "collection_year": self.year,
                            **_clean(row, ("where", "date_of_birth")),
                        },
                    )
            for row in record.tables.get("SWEpisodes", []):
                sw.put(
                    (child.pk, row["sw_decom"], row["sw_id"]),
                    {"child": child, **_clean(row, ("where", "date_of_birth"))},
                )
            self._adoption(adoption, child, record)
        for sync in (episodes, reviews, missing, oc3, oc2, prev, sw, adoption):
            sync.flush()
        return self.counts

    def _missing(self, missing: Sync, child, row: dict) -> None:
        """Missing episodes are keyed by their start day: the 903 carries dates, the model times."""
        values = {
            "child": child,
            "missing": row["missing"],
            "mis_start": _on(row["mis_start"]),
            "mis_end": _on(row["mis_end"]),
        }
        key = (child.pk, row["missing"], row["mis_start"])
        stored = missing.get(key)
        if stored is not None:
            values["mis_start"] = stored.mis_start
            if _day(stored.mis_end) == row["mis_end"]:
                values["mis_end"] = stored.mis_end
        missing.put(key, values)

    def _adoption(self, adoption: Sync, child, record: ChildReturn) -> None:
        adopted = {
            row["dec"]
            for row in record.tables.get("Episodes", [])
            if row.get("rec") in {"E11", "E12"} and row.get("dec")
        }
        for row in record.tables.get("PlacedAdoption", []):
            key = (child.pk, row["date_should_be_placed"])
            adoption.put(key, {"child": child, **_clean(row, ("where", "date_of_birth"))})
        for row in record.tables.get("AD1", []):
            key = (child.pk, row["date_should_be_placed"])
            values = {"child": child, **_clean(row, ("where", "date_of_birth"))}
            values["foster_carer_adoption"] = values.get("foster_carer_adoption") == "1"
            if adopted and adoption.get(key) is None:
                values["adoption_order_date"] = max(adopted)
            adoption.put(key, values)


def _birthday_in(dob: date | None, start: date, end: date) -> date:
    """A care leaver's OC3 contact is recorded around their birthday in the collection year."""
    if dob is None:
        return end
    for year in (start.year, end.year):
        try:
            day = dob.replace(year=year)
        except ValueError:  # 29 February
            day = date(year, 3, 1)
        if start <= day <= end:
            return day
    return end
