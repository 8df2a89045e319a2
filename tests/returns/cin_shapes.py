"""Random CIN census XML in every shape the DfE validator's converter meets in the wild.

Items absent, present and empty (`<ReasonForClosure/>`); blocks absent, empty or repeated;
children without identifiers or an LA child ID; a Reviews block with two dates or none; CP
plans and reviews right under Child (which csc-validator-be-cin's converter also reads); an
AssessmentFactors item outside its block. Not valid returns: shapes for the converter tests.
"""

from __future__ import annotations

import random


class _Census:
    def __init__(self, seed: int, children: int) -> None:
        self.rng = random.Random(seed)
        self.children = children

    def item(self, tag: str, text: str, absent: float = 0.3, empty: float = 0.1) -> str:
        roll = self.rng.random()
        if roll < absent:
            return ""
        if roll < absent + empty:
            return f"<{tag}/>"
        return f"<{tag}>{text}</{tag}>"

    def date(self) -> str:
        rng = self.rng
        return f"20{rng.randint(18, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    def reviews(self) -> str:
        blocks = []
        for _ in range(self.rng.choice([0, 1, 1, 2])):
            count = self.rng.choice([1, 1, 2])
            dates = "".join(self.item("CPPreviewDate", self.date(), 0.2) for _ in range(count))
            blocks.append(f"<Reviews>{dates}</Reviews>")
        return "".join(blocks)

    def cp_plan(self) -> str:
        return (
            "<ChildProtectionPlans>"
            + self.item("CPPstartDate", self.date())
            + self.item("CPPendDate", self.date(), 0.6)
            + self.item("InitialCategoryOfAbuse", self.rng.choice(["PHY", "NEG", "EMO"]))
            + self.item("LatestCategoryOfAbuse", "NEG")
            + self.item("NumberOfPreviousCPP", str(self.rng.randint(0, 3)))
            + self.reviews()
            + "</ChildProtectionPlans>"
        )

    def assessment(self) -> str:
        roll = self.rng.random()
        if roll < 0.3:
            factors = ""
        elif roll < 0.4:
            factors = "<FactorsIdentifiedAtAssessment/>"
        else:
            codes = "".join(
                self.item("AssessmentFactors", self.rng.choice(["1A", "2B", "3C"]), 0.0, 0.15)
                for _ in range(self.rng.randint(1, 3))
            )
            factors = f"<FactorsIdentifiedAtAssessment>{codes}</FactorsIdentifiedAtAssessment>"
        return (
            "<Assessments>"
            + self.item("AssessmentActualStartDate", self.date())
            + self.item("AssessmentInternalReviewDate", self.date(), 0.8)
            + self.item("AssessmentAuthorisationDate", self.date(), 0.4)
            + self.item("AssessmentFactors", "9Z", 0.95, 0.0)
            + factors
            + "</Assessments>"
        )

    def cin_details(self) -> str:
        rng = self.rng
        parts = [
            self.item("CINreferralDate", self.date(), 0.1),
            self.item("ReferralSource", "1A"),
            self.item("PrimaryNeedCode", "N1"),
            self.item("CINclosureDate", self.date(), 0.5),
            self.item("ReasonForClosure", "RC1", 0.5),
            self.item("DateOfInitialCPC", self.date(), 0.7),
            self.item("ReferralNFA", rng.choice(["true", "false", "0", "1"]), 0.2),
        ]
        parts += [self.assessment() for _ in range(rng.choice([0, 0, 1, 2]))]
        for _ in range(rng.choice([0, 1, 2])):
            parts.append(
                "<CINPlanDates>"
                + self.item("CINPlanStartDate", self.date())
                + self.item("CINPlanEndDate", self.date(), 0.5)
                + "</CINPlanDates>"
            )
        for _ in range(rng.choice([0, 0, 1])):
            parts.append(
                "<Section47>"
                + self.item("S47ActualStartDate", self.date())
                + self.item("InitialCPCtarget", self.date())
                + self.item("DateOfInitialCPC", self.date(), 0.5)
                + self.item("ICPCnotRequired", "false", 0.5)
                + "</Section47>"
            )
        parts += [self.cp_plan() for _ in range(rng.choice([0, 0, 1, 2]))]
        rng.shuffle(parts)
        return "<CINdetails>" + "".join(parts) + "</CINdetails>"

    def child(self) -> str:
        rng = self.rng
        identifiers = ""
        if rng.random() > 0.03:
            identifiers = (
                "<ChildIdentifiers>"
                + self.item("LAchildID", f"C{rng.randint(1, self.children)}", 0.05, 0.02)
                + self.item("UPN", f"A{rng.randint(10**11, 10**12 - 1)}", 0.4)
                + self.item("FormerUPN", "X1", 0.9)
                + self.item("UPNunknown", "UN1", 0.7)
                + self.item("PersonBirthDate", self.date(), 0.1)
                + self.item("ExpectedPersonBirthDate", self.date(), 0.9)
                + self.item("GenderCurrent", "1", 0.7)
                + self.item("Sex", rng.choice(["M", "F", "U"]), 0.3)
                + self.item("PersonDeathDate", self.date(), 0.95)
                + "</ChildIdentifiers>"
            )
        roll = rng.random()
        if roll < 0.4:
            disabilities = ""
        elif roll < 0.5:
            disabilities = "<Disabilities/>"
        else:
            codes = "".join(
                self.item("Disability", rng.choice(["NONE", "HAND", "AUT"]), 0.0, 0.15)
                for _ in range(rng.randint(1, 3))
            )
            disabilities = f"<Disabilities>{codes}</Disabilities>"
        ethnicity = self.item("Ethnicity", "WBRI", 0.2)
        characteristics = f"<ChildCharacteristics>{ethnicity}{disabilities}</ChildCharacteristics>"
        details = "".join(self.cin_details() for _ in range(rng.choice([0, 1, 1, 1, 2, 3])))
        stray = self.cp_plan() if rng.random() < 0.05 else ""
        stray += self.reviews() if rng.random() < 0.05 else ""
        return f"<Child>{identifiers}{characteristics}{details}{stray}</Child>"

    def xml(self) -> str:
        header = (
            "<Header><CollectionDetails><Collection>CIN</Collection><Year>2026</Year>"
            "<ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel>"
            "<LEA>999</LEA><SoftwareCode>shapes</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo>"
            "<DateTime>2026-04-01T00:00:00</DateTime></Source></Header>"
        )
        children = "".join(self.child() for _ in range(self.children))
        return f"<Message>{header}<Children>{children}</Children></Message>"


def irregular_census(seed: int, children: int = 150) -> str:
    """A census of `children` children in random shapes, the same for the same seed."""
    return _Census(seed, children).xml()
