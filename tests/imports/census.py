"""Small hand-written CIN censuses and 903 sets for tests: a child is a few keyword arguments."""

from __future__ import annotations

from pathlib import Path

HEADER = (
    "<Header><CollectionDetails><Collection>CIN</Collection><Year>{year}</Year>"
    "<ReferenceDate>{reference}</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel>"
    "<LEA>999</LEA><SoftwareCode>Test</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo>"
    "<DateTime>2026-04-01T00:00:00</DateTime></Source></Header>"
)


def child(
    child_id: str,
    *,
    born: str = "2015-01-01",
    expected: str = "",
    referral: str = "2025-05-01",
    closed: str = "",
    reason: str = "",
    plans: tuple[tuple[str, str], ...] = (),
    reviews: tuple[str, ...] = (),
    extra: str = "",
) -> str:
    """One Child element: a CIN episode with the CP plans given as (start, end)."""
    birth = f"<PersonBirthDate>{born}</PersonBirthDate>" if born else ""
    due = f"<ExpectedPersonBirthDate>{expected}</ExpectedPersonBirthDate>" if expected else ""
    closure = (
        f"<CINclosureDate>{closed}</CINclosureDate><ReasonForClosure>{reason}</ReasonForClosure>"
        if closed
        else ""
    )
    review = "".join(f"<CPPreviewDate>{r}</CPPreviewDate>" for r in reviews)
    cp = "".join(
        f"<ChildProtectionPlans><CPPstartDate>{start}</CPPstartDate>"
        + (f"<CPPendDate>{end}</CPPendDate>" if end else "")
        + "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>"
        + "<LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>"
        + f"<NumberOfPreviousCPP>0</NumberOfPreviousCPP><Reviews>{review}</Reviews></ChildProtectionPlans>"
        for start, end in plans
    )
    return (
        f"<Child><ChildIdentifiers><LAchildID>{child_id}</LAchildID>{birth}{due}<Sex>F</Sex></ChildIdentifiers>"
        "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>"
        f"<CINdetails><CINreferralDate>{referral}</CINreferralDate><ReferralSource>1A</ReferralSource>"
        f"<PrimaryNeedCode>N1</PrimaryNeedCode>{closure}<ReferralNFA>false</ReferralNFA>{cp}{extra}</CINdetails>"
        "</Child>"
    )


def census(
    folder: Path, *children: str, name: str = "census.xml", year: int = 2026, lines: bool = True
) -> Path:
    """A census file: one element a line, or (`lines=False`) all of it on one line."""
    header = HEADER.format(year=year, reference=f"{year}-03-31")
    sep = "\n" if lines else ""
    text = sep.join(
        [
            "<?xml version='1.0' encoding='utf-8'?>" if lines else "",
            "<Message>",
            header,
            "<Children>",
            *children,
            "</Children>",
            "</Message>",
        ]
    )
    path = folder / name
    path.write_text(text.lstrip("\n"))
    return path


SSDA903_HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
REVIEWS = "CHILD,DOB,REVIEW,REVIEW_CODE\n"


def episode(child_id: str, start: str, end: str = "", reason: str = "") -> str:
    return f"{child_id},{start},S,C2,N1,U4,PR1,{end},{reason},,DE1 1AA,DE2 2BB,XXXXXXX\n"


def ssda903(
    folder: Path, children: dict[str, str], episodes: list[str], reviews: list[str] = ()
) -> list[Path]:
    """A 903 set: header rows (child id -> date of birth), episode rows, review rows."""
    files = {
        "header.csv": SSDA903_HEADER + "".join(f"{c},1,{dob},WBRI,UN2,,\n" for c, dob in children.items()),
        "episodes.csv": EPISODES + "".join(episodes),
    }
    if reviews:
        files["reviews.csv"] = REVIEWS + "".join(reviews)
    paths = []
    for name, text in files.items():
        (folder / name).write_text(text)
        paths.append(folder / name)
    return paths
