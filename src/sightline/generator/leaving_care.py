"""Leaving care: a care leaver's personal adviser and the contacts around their birthdays (SSDA903 OC3).

A care leaver (looked after at least 13 weeks from their 14th birthday, some of it after their
16th) has a personal adviser from 16 to 21 and a contact within a month of each birthday from
the 17th to the 21st once out of care; one leaving care around a birthday is contacted after.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from .identity import birthday

if TYPE_CHECKING:  # for annotations only: journeys imports this module at run time
    from .journeys import ChildState, Journeys


def care_leaver(j: Journeys, child: ChildState, start: date, end: date) -> None:
    """Personal adviser from 16 and OC3-style contacts around the 17th to 21st birthdays."""
    rng = j.rng
    sixteen, twenty_one = birthday(child.dob, 16), birthday(child.dob, 21)
    if (end - max(start, birthday(child.dob, 14))).days < 91:
        return
    j.segment(child, "CARE_LEAVERS", max(start, sixteen), twenty_one, role="PA")
    for years in range(17, 22):
        day = birthday(child.dob, years) + timedelta(days=rng.randint(-30, 30))
        if day <= end < birthday(child.dob, years) + timedelta(days=90):
            # Leaving care around this birthday: the adviser's first contact after it (the 903
            # takes the contact within three months of the birthday).
            day = end + timedelta(days=rng.randint(1, 30))
        if day <= end or day > j.ref:
            continue
        in_touch = rng.choices(["YES", "NO", "REFU", "NREQ"], weights=[89, 5, 4, 2])[0]
        activ = (
            rng.choices(
                ["F1", "F2", "P2", "F4", "F5", "P5", "G4", "G5", "G6"],
                weights=[7, 22, 5, 6, 12, 5, 8, 27, 8],
            )[0]
            if in_touch == "YES"
            else ""
        )
        accom = ""
        if in_touch == "YES":
            # Z, with former foster carers ("staying put"), only from 18 (SSDA903 rule 3001).
            letter, suitable = rng.choice("BDEKUTZ" if years > 17 else "BDEKUT"), rng.random() < 0.88
            accom = f"{letter}1" if suitable else f"{letter}2"
        j.data.add(
            "records.CareLeaverContact",
            child_id=child.id,
            contact_date=day,
            in_touch=in_touch,
            activ=activ,
            accom=accom,
        )
        j.visit(child, day, "CL")
