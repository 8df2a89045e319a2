"""A period of care: SSDA903 episodes, proceedings, reviews, health, PEPs, visits, leaving care.

The period is planned first (how it ends and when, the legal route, when placements change),
then written as contiguous 903 episode rows: each change of legal status or placement starts
a new row whose DECOM is the previous row's DEC, as the 903 return requires.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sightline.domain.codes import SUPPORTED_ACCOMMODATION

from .identity import birthday, postcode
from .leaving_care import care_leaver

if TYPE_CHECKING:  # for annotations only: journeys imports this module at run time
    from .journeys import ChildState, Journeys

# Exit routes by age band at entry: (route, weight).
EXITS = {
    "under5": {"adoption": 33, "home": 30, "sgo": 25, "long": 12},
    "5to11": {"home": 40, "sgo": 18, "long": 40, "other": 2},
    "12to15": {"home": 30, "long": 65, "other": 5},
    "16plus": {"home": 20, "long": 75, "other": 5},
}
PLACE_CHANGE_REASONS = {
    "CARPL": 30,
    "CREQB": 15,
    "CREQO": 10,
    "CHILD": 12,
    "LAREQ": 10,
    "PLACE": 10,
    "CLOSE": 4,
    "ALLEG": 3,
    "STAND": 2,
    "APPRR": 1,
    "OTHER": 3,
}
NO_URN = "XXXXXXX"
# Placement moves a year: many in the first year of care, few once settled, so about 70% of
# children looked after 2½ years have been in the same placement 2 years (England 68-71%,
# benchmarks.csv cla_ltstab) and about 10% have 3+ placements in a year (cla_3plus).
MOVES_FIRST_YEAR = 1.3
MOVES_LATER = 0.15


class LookedAfter:
    def __init__(self, journeys: Journeys, child: ChildState, episode_id: int) -> None:
        self.j = journeys
        self.rng = journeys.rng
        self.data = journeys.data
        self.child = child
        self.episode_id = episode_id
        self.home_post = self.data.rows("records.Child")[child.id - 1]["home_postcode"]

    # ----- planning --------------------------------------------------------------------
    def band(self, age: int) -> str:
        return "under5" if age < 5 else "5to11" if age < 12 else "12to15" if age < 16 else "16plus"

    def plan_exit(self, start: date, age: int) -> tuple[str, date]:
        rng = self.rng
        weights = EXITS[self.band(age)]
        route = rng.choices(list(weights), weights=list(weights.values()))[0]
        if route == "home":
            length = max(14, int(math.exp(rng.gauss(math.log(250), 0.8))))
        elif route == "sgo":
            length = rng.randint(300, 900)
        elif route == "adoption":
            length = rng.randint(500, 1100)
        elif route == "other":
            length = rng.randint(60, 600)
        else:
            length = 40 * 365
        end = start + timedelta(days=length)
        eighteen = birthday(self.child.dob, 18)
        if end >= eighteen:
            route, end = "eighteen", eighteen
        return route, end

    def run(self, start: date):
        rng, child = self.rng, self.child
        if child.dob is None:
            return start, "close", "RC7"
        age = self.j.age_at(child.dob, start)
        route, end = self.plan_exit(start, age)
        court = route in {"adoption", "sgo"} or rng.random() < 0.6
        changes: list[tuple[date, str | None, tuple | None, str]] = []  # (day, ls, placement, reason)
        first_ls = "C1" if court else "V2"
        if court and rng.random() < 0.1:
            first_ls = rng.choice(["L1", "L2"])
        changes.append((start, first_ls, self.placement(age, start), ""))
        if court:
            end = self.proceedings(start, first_ls, route, end, changes)
        if route == "adoption":
            end = self.adoption(start, end, changes)
        self.moves(start, end, age, changes)
        self.write_episodes(changes, end, route)
        stop = min(end, self.j.ref)
        self.care_tasks(start, stop, age)
        self.j.segment(child, "CLA", start, end)
        self.j.segment(child, "IRO", start, end, role="IRO")
        if route in {"eighteen", "home", "other"} and end >= birthday(child.dob, 16):
            # Looked after 13 weeks from 14 and still after 16: a care leaver (checked in care_leaver).
            self.care_leaver(start, end)
        return self.after(route, end)

    def after(self, route: str, end: date):
        if route == "home":
            self.child.home_from_care = end
        if route == "adoption":
            self.child.adopted = end <= self.j.ref
        if route == "home" and self.rng.random() < 0.55:
            return end, "cin", "RC7"
        reason = {
            "adoption": "RC1",
            "sgo": "RC4",
            "eighteen": "RC6" if self.rng.random() < 0.2 else "RC7",
        }
        return end, "close", reason.get(route, "RC7")

    def placement(self, age: int, day: date) -> tuple:
        """A placement as the 903 has it: (type, provider, postcode, URN, miles from home, OUT or "")."""
        place = self._placement_type(age, day)
        provider = self._provider(place)
        rng = self.rng
        away = (provider in {"PR4", "PR5"} and rng.random() < 0.45) or rng.random() < 0.08
        if place == "P1":
            return place, provider, self.home_post, NO_URN, 0.0, ""
        pl_post = postcode(rng, away=away)
        distance = round(rng.uniform(21, 90) if away and rng.random() < 0.7 else rng.uniform(0.5, 19), 1)
        urn = f"SC{rng.randrange(100000, 999999)}" if place in {"K2", "K1", "R1", "S1"} else NO_URN
        return place, provider, pl_post, urn, distance, "OUT" if away else ""

    def _placement_type(self, age: int, day: date) -> str:
        """Supported accommodation for some 16-17-year-olds (K3 from 2024-25, H5 before), a children's
        home for some older children, otherwise mostly foster care."""
        rng = self.rng
        if age >= 16 and day >= SUPPORTED_ACCOMMODATION and rng.random() < 0.35:
            return "K3"
        if age >= 16 and day < SUPPORTED_ACCOMMODATION and rng.random() < 0.35:
            return "H5"
        if age >= 12 and rng.random() < 0.25:
            return "K2"
        place = rng.choices(["U6", "U4", "U3", "U1", "P1", "R3"], weights=[45, 25, 12, 8, 6, 2])[0]
        return "U6" if place == "R3" and age > 1 else place

    def _provider(self, place: str) -> str:
        rng = self.rng
        # Drawn for every placement, whatever its type, so a seed's council stays the same.
        children_home = "PR4" if rng.random() < 0.8 else "PR1"
        provider = {
            "K2": children_home,
            "P1": "PR0",
            "U1": "PR1",
            "U3": "PR1",
            "H5": "PR4",
            "K3": "PR4",
            "R3": "PR3",
        }.get(place)
        return provider or ("PR4" if rng.random() < 0.4 else "PR1")

    # ----- legal route --------------------------------------------------------------------
    def proceedings(self, start: date, first_ls: str, route: str, end: date, changes: list) -> date:
        rng = self.rng
        issued = start
        if first_ls in {"L1", "L2"}:
            # Police protection (L1) lasts at most 72 hours; an EPO (L2) a few days more.
            issued = start + timedelta(days=min(rng.randint(1, 5), 3 if first_ls == "L1" else 5))
        if first_ls in {"L1", "L2"}:
            changes.append((issued, "C1", None, ""))
        weeks = rng.randint(16, 26) if rng.random() < 0.62 else rng.randint(27, 52)
        final = issued + timedelta(weeks=weeks)
        plo = issued - timedelta(days=rng.randint(50, 150)) if rng.random() < 0.45 else None
        order = {"adoption": "PO", "sgo": "SGO", "home": "SO"}.get(route, "CO")
        if route == "home" and end < final:
            order = rng.choice(["SO", "NO"])
            final = end
        if route in {"sgo", "home"}:
            end = final
        self.data.add(
            "records.CareProceedings",
            child_id=self.child.id,
            plo_start_date=plo,
            letter_before_proceedings_date=plo,
            application_issued_date=issued,
            final_order_date=self.j.live(final),
            final_order_type=order if final <= self.j.ref else "",
        )
        if order in {"CO", "PO"} and final < end:
            changes.append((final, "C2", None, ""))
        return end

    def adoption(self, start: date, end: date, changes: list) -> date:
        rng = self.rng
        decision = start + timedelta(days=rng.randint(120, 300))
        order_day = max(
            decision + timedelta(days=rng.randint(30, 150)),
            next((d for d, ls, _, _ in changes if ls == "C2"), decision),
        )
        match = order_day + timedelta(days=rng.randint(40, 260))
        placed = match + timedelta(days=rng.randint(7, 40))
        adopted = placed + timedelta(days=rng.randint(150, 330))
        foster_carer = rng.random() < 0.15
        changes.append((order_day, "E1", None, ""))
        place = "A5" if foster_carer else "A6"
        changes.append((placed, None, (place, "PR1", postcode(rng), NO_URN, 5.0, ""), "CARPL"))
        live = self.j.live
        if decision <= self.j.ref:
            self.data.add(
                "records.AdoptionMilestones",
                child_id=self.child.id,
                date_should_be_placed=decision,
                placement_order_date=live(order_day),
                match_date=live(match),
                placed_date=live(placed),
                adoption_order_date=live(adopted),
                no_longer_placed_date=None,
                foster_carer_adoption=foster_carer,
                number_of_adopters="",
                sex_of_adopters="",
                adopters_legal_status="",
                reason_no_longer_placed="",
            )
        return adopted

    def moves(self, start: date, end: date, age: int, changes: list) -> None:
        rng = self.rng
        day = start
        placed_for_adoption = next((d for d, _, p, _ in changes if p and p[0].startswith("A")), None)
        limit = min(end, placed_for_adoption or end)
        settled = start + timedelta(days=365)
        while True:
            rate = MOVES_FIRST_YEAR if day < settled else MOVES_LATER
            following = day + timedelta(days=int(rng.expovariate(rate / 365)) + 7)
            if day < settled <= following:
                day = settled  # no move in the rest of the first year: from here the settled rate
                continue
            day = following
            if day >= limit:
                return
            changes.append(
                (
                    day,
                    None,
                    self.placement(self.j.age_at(self.child.dob, day), day),
                    self.j.pick_reason(),
                )
            )

    def write_episodes(self, changes: list, end: date, route: str) -> None:
        """The period of care as contiguous 903 episodes: one per change of legal status or placement."""
        rows = self._episode_rows(_merge_same_day(changes), end)
        exit_rec = self._exit_reason(route, rows)
        need = None  # the category of need (903 CIN) is the one at the start of the period of care
        for index, (day, rne, ls, place, _reason) in enumerate(rows):
            drawn = "N2" if self.rng.random() < 0.03 else "N1"
            need = need or drawn
            following = rows[index + 1] if index + 1 < len(rows) else None
            dec = end if following is None else following[0]
            dec = dec if dec <= self.j.ref else None
            rec = (exit_rec if following is None else "X1") if dec else ""
            change_reason = following[4] if following is not None and following[1] in {"P", "B", "T"} else ""
            self.data.add(
                "records.LookedAfterEpisode",
                child_id=self.child.id,
                decom=day,
                rne=rne,
                ls=ls,
                cin=need,
                place=place[0],
                place_provider=place[1],
                dec=dec,
                rec=rec,
                reason_place_change=change_reason,
                home_post=self.home_post,
                pl_post=place[2],
                urn=place[3],
                placement_distance_miles=place[4],
                placement_la=place[5],
            )

    def _episode_rows(self, merged: list[list], end: date) -> list[tuple]:
        """(DECOM, RNE, legal status, placement, reason for the change) per episode up to the end of care
        and the reference date; a "move" to where the child already is (home to home) starts none."""
        current_ls, current_place = None, None
        rows = []
        for day, ls, placement, reason, rne in merged:
            if day >= end or day > self.j.ref:
                break
            if rows and (ls or current_ls) == current_ls and (placement or current_place) == current_place:
                continue
            current_ls = ls or current_ls
            current_place = placement or current_place
            if rne == "P" and current_place[0] == "A5":
                rne = "T"
            rows.append((day, rne, current_ls, current_place, reason if placement and rne != "S" else ""))
        return rows

    def _exit_reason(self, route: str, rows: list[tuple]) -> str:
        exit_rec = self.exit_code(route)
        if exit_rec in {"E45", "E46"} and rows and not rows[-1][3][0].startswith("U"):
            # An SGO to former foster carers (E45/E46) needs a foster placement to end from;
            # from anywhere else it is to other carers, relatives (E47) or not (E48).
            exit_rec = {"E45": "E47", "E46": "E48"}[exit_rec]
        return exit_rec

    def exit_code(self, route: str) -> str:
        rng = self.rng
        if route == "home":
            return "E4A" if rng.random() < 0.8 else "E4B"
        if route == "sgo":
            return rng.choice(["E45", "E46", "E47", "E48"])
        if route == "adoption":
            return "E11" if rng.random() < 0.6 else "E12"
        if route == "eighteen":
            return rng.choices(["E5", "E6", "E17", "E8"], weights=[55, 10, 25, 10])[0]
        return rng.choice(["E13", "E41", "E8"])

    # ----- tasks while looked after ---------------------------------------------------------
    def care_tasks(self, start: date, stop: date, age: int) -> None:
        j, rng, child = self.j, self.rng, self.child
        self.reviews(start, stop)
        self.health(start, stop)
        # PEPs run from school age: from the start of care, or the 4th birthday if later.
        school_from = max(start, birthday(child.dob, 4)) if child.dob else start
        if age >= 4 or school_from <= stop:
            day = j.wd(school_from, rng.randint(10, 20) if rng.random() < 0.85 else rng.randint(21, 50))
            while day <= stop:
                self.data.add("records.PersonalEducationPlan", child_id=child.id, pep_date=day)
                day += timedelta(days=rng.randint(100, 125) if rng.random() < 0.85 else rng.randint(126, 220))
        j.calendar_visits(child, "CLA", start, stop, first_within=7, every=(25, 42), late=(43, 75))
        if age >= 11 and rng.random() < 0.2:
            j.missing(child, start, stop, rate_per_year=4)

    def reviews(self, start: date, stop: date) -> None:
        j, rng = self.j, self.rng
        due = j.wd(start, 20)
        gap = 91
        while True:
            held = due - timedelta(days=rng.randint(0, 7))
            if rng.random() > j.spec.p_review_on_time:
                held = due + timedelta(days=rng.randint(2, 35))
            if held > stop:
                return
            age = j.age_at(self.child.dob, held)
            code = "PN0" if age < 4 else j.pick_participation()
            self.data.add(
                "records.LookedAfterReview",
                child_id=self.child.id,
                review_date=held,
                review_code=code,
                iro_id=None,
            )
            due = held + timedelta(days=gap)
            gap = 182

    def health(self, start: date, stop: date) -> None:
        j, rng, child = self.j, self.rng, self.child
        day = j.wd(start, rng.randint(5, 20) if rng.random() < 0.72 else rng.randint(21, 60))
        kind = "IHA"
        while day <= stop:
            self.data.add("records.HealthCheck", child_id=child.id, kind=kind, check_date=day)
            kind = "RHA"
            interval = 182 if j.age_at(child.dob, day) < 5 else 365
            day += timedelta(
                days=interval - rng.randint(0, 30) if rng.random() < 0.88 else interval + rng.randint(10, 90)
            )
        day = start + timedelta(days=rng.randint(30, 200))
        while day <= stop:
            if j.age_at(child.dob, day) >= 1:
                self.data.add("records.HealthCheck", child_id=child.id, kind="DENTAL", check_date=day)
            day += timedelta(days=rng.randint(150, 360) if rng.random() < 0.85 else rng.randint(380, 500))

    def care_leaver(self, start: date, end: date) -> None:
        care_leaver(self.j, self.child, start, end)


def _merge_same_day(changes: list) -> list[list]:
    """Changes in date order, those on one day merged: [day, legal status, placement, reason, RNE]."""
    changes.sort(key=lambda c: c[0])
    merged: list[list] = []
    for day, ls, placement, reason in changes:
        if merged and merged[-1][0] == day:
            _merge_into(merged[-1], ls, placement, reason)
            continue
        rne = "S" if not merged else "B" if ls and placement else "L" if ls else "P"
        merged.append([day, ls, placement, reason, rne])
    return merged


def _merge_into(change: list, ls: str | None, placement: tuple | None, reason: str) -> None:
    change[1] = ls or change[1]
    change[2] = placement or change[2]
    change[3] = reason or change[3]
    if change[4] != "S":
        # Two changes on one day: a new legal status and a new placement make "B", two legal changes
        # (a care order and a placement order) still only "L".
        change[4] = "B" if change[1] and change[2] else "L" if change[1] else "P"
