"""Code lists from the CIN census and SSDA903 specifications: the one copy of each.

Kept as (code, label) pairs so the same lists drive the record model's choices, the readers
and writers of the returns, the indicators and the generator (see docs/glossary.md for the
terms). Plain Python: the Django models import these, never the other way round.
"""

from datetime import date

SEX = [("M", "Male"), ("F", "Female"), ("U", "Unknown or indeterminate")]

ETHNICITY = [
    ("WBRI", "White British"),
    ("WIRI", "White Irish"),
    ("WIRT", "Traveller of Irish heritage"),
    ("WOTH", "Any other White background"),
    ("WROM", "Gypsy/Roma"),
    ("MWBC", "White and Black Caribbean"),
    ("MWBA", "White and Black African"),
    ("MWAS", "White and Asian"),
    ("MOTH", "Any other mixed background"),
    ("AIND", "Indian"),
    ("APKN", "Pakistani"),
    ("ABAN", "Bangladeshi"),
    ("AOTH", "Any other Asian background"),
    ("BCRB", "Caribbean"),
    ("BAFR", "African"),
    ("BOTH", "Any other Black background"),
    ("CHNE", "Chinese"),
    ("OOTH", "Any other ethnic group"),
    ("REFU", "Refused"),
    ("NOBT", "Information not yet obtained"),
]

# The DfE's major ethnic groups (children looked after and children in need statistics), each
# minor code in one; Chinese sits in "Any other ethnic group" there.
ETHNIC_GROUP = [
    ("WHITE", "White"),
    ("MIXED", "Mixed or Multiple ethnic groups"),
    ("ASIAN", "Asian or Asian British"),
    ("BLACK", "Black, African, Caribbean or Black British"),
    ("OTHER", "Other ethnic group"),
    ("UNKNOWN", "Refused or information not yet obtained"),
]
ETHNIC_GROUP_OF = {
    **dict.fromkeys(("WBRI", "WIRI", "WIRT", "WOTH", "WROM"), "WHITE"),
    **dict.fromkeys(("MWBC", "MWBA", "MWAS", "MOTH"), "MIXED"),
    **dict.fromkeys(("AIND", "APKN", "ABAN", "AOTH"), "ASIAN"),
    **dict.fromkeys(("BCRB", "BAFR", "BOTH"), "BLACK"),
    **dict.fromkeys(("CHNE", "OOTH"), "OTHER"),
    **dict.fromkeys(("REFU", "NOBT"), "UNKNOWN"),
}
# The DfE's age bands (first age in years, label), as in the CIN census and 903 statistics.
AGE_BAND = [(0, "Under 1"), (1, "1 to 4"), (5, "5 to 9"), (10, "10 to 15"), (16, "16 and over")]

DISABILITY = [
    ("NONE", "No disability"),
    ("MOB", "Mobility"),
    ("HAND", "Hand function"),
    ("PC", "Personal care"),
    ("INC", "Incontinence"),
    ("COMM", "Communication"),
    ("LD", "Learning"),
    ("HEAR", "Hearing"),
    ("VIS", "Vision"),
    ("BEH", "Behaviour"),
    ("CON", "Consciousness"),
    ("AUT", "Autism/Asperger syndrome"),
    ("DDA", "Other DDA"),
]

REFERRAL_SOURCE = [
    ("1A", "Individual: family member/relative/carer"),
    ("1B", "Individual: acquaintance"),
    ("1C", "Individual: self"),
    ("1D", "Individual: other"),
    ("2A", "Schools"),
    ("2B", "Education services"),
    ("3A", "Health: GP"),
    ("3B", "Health: health visitor"),
    ("3C", "Health: school nurse"),
    ("3D", "Health: other primary health services"),
    ("3E", "Health: A&E"),
    ("3F", "Health: other"),
    ("4", "Housing"),
    ("5A", "LA services: social care"),
    ("5B", "LA services: other internal"),
    ("5C", "LA services: external"),
    ("5D", "LA services: youth services"),
    ("6", "Police"),
    ("7", "Other legal agency"),
    ("8", "Other"),
    ("9", "Anonymous"),
    ("10", "Unknown"),
]

PRIMARY_NEED = [
    ("N0", "Not stated"),
    ("N1", "Abuse or neglect"),
    ("N2", "Child's disability"),
    ("N3", "Parental disability or illness"),
    ("N4", "Family in acute stress"),
    ("N5", "Family dysfunction"),
    ("N6", "Socially unacceptable behaviour"),
    ("N7", "Low income"),
    ("N8", "Absent parenting"),
    ("N9", "Cases other than child in need"),
]

CATEGORY_OF_ABUSE = [
    ("NEG", "Neglect"),
    ("PHY", "Physical abuse"),
    ("SAB", "Sexual abuse"),
    ("EMO", "Emotional abuse"),
    ("MUL", "Multiple"),
]

REASON_FOR_CLOSURE = [
    ("RC1", "Adopted"),
    ("RC2", "Died"),
    ("RC3", "Child arrangements order"),
    ("RC4", "Special guardianship order"),
    ("RC5", "Transferred to another LA"),
    ("RC6", "Transferred to adult social care"),
    ("RC7", "Services ceased for any other reason"),
    ("RC8", "Case closed after assessment, no further action"),
    ("RC9", "Case closed after assessment, referred to early help"),
]

# Short names of the categories for indicator ids and titles ("CP plans: neglect").
CATEGORY_OF_ABUSE_SHORT = {
    "NEG": "neglect",
    "PHY": "physical",
    "SAB": "sexual",
    "EMO": "emotional",
    "MUL": "multiple",
}

# CIN census assessment factors (CIN census guide, annex A: the factors identified at the end of
# assessment), as codes: 1A-6C, then the single codes.
ASSESSMENT_FACTORS = frozenset(
    [f"{n}{x}" for n in range(1, 7) for x in "ABC"]
    + ["7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A"]
    + ["18B", "18C", "19B", "19C", "20", "21", "22A", "23A", "24A"]
)

CONTACT_OUTCOME = [
    ("REF", "Referral to children's social care"),
    ("EH", "Early help"),
    ("INFO", "Information, advice or signposting"),
    ("NFA", "No further action"),
    ("OPEN", "Contact on an open case"),
]

ASSESSMENT_OUTCOME = [
    ("CIN", "Child in need plan"),
    ("S47", "Strategy discussion / s47"),
    ("CLA", "Looked after"),
    ("EH", "Step down to early help"),
    ("NFA", "No further action"),
]

S47_OUTCOME = [
    ("ICPC", "Initial child protection conference"),
    ("CIN", "Child in need plan"),
    ("NFA", "No further action"),
    ("CONT", "Continue existing plan"),
]

CONFERENCE_KIND = [
    ("ICPC", "Initial child protection conference"),
    ("RCPC", "Review child protection conference"),
    ("TCPC", "Transfer-in child protection conference"),
]

VISIT_KIND = [
    ("CIN", "Child in need visit"),
    ("CP", "Child protection visit"),
    ("CLA", "Looked-after child statutory visit"),
    ("PF", "Private fostering visit"),
    ("CL", "Care leaver contact"),
    ("ASMT", "Assessment visit"),
    ("PB", "Pre-birth visit"),
]

# SSDA903 lists.
RNE = [
    ("S", "Started to be looked after"),
    ("L", "Change of legal status only"),
    ("P", "Change of placement and carer"),
    ("T", "Change of placement, same carer"),
    ("B", "Change of legal status, placement and carer"),
    ("U", "Change of legal status and placement, same carer"),
]

LEGAL_STATUS = [
    ("C1", "Interim care order"),
    ("C2", "Full care order"),
    ("D1", "Freeing order"),
    ("E1", "Placement order"),
    ("V2", "Accommodated under s20"),
    ("V3", "Short break, single placement"),
    ("V4", "Short breaks, series"),
    ("L1", "Police protection"),
    ("L2", "Emergency protection order"),
    ("L3", "Child assessment order"),
    ("J1", "Remanded to LA accommodation"),
    ("J2", "Detained under PACE"),
    ("J3", "Youth rehabilitation order with residence"),
]

CIN_CATEGORY = [
    ("N1", "Abuse or neglect"),
    ("N2", "Child's disability"),
    ("N3", "Parental illness or disability"),
    ("N4", "Family in acute stress"),
    ("N5", "Family dysfunction"),
    ("N6", "Socially unacceptable behaviour"),
    ("N7", "Low income"),
    ("N8", "Absent parenting"),
]

PLACEMENT_TYPE = [
    ("A3", "Placed for adoption with consent with current foster carer"),
    ("A4", "Placed for adoption with consent not with current foster carer"),
    ("A5", "Placed for adoption with placement order with current foster carer"),
    ("A6", "Placed for adoption with placement order not with current foster carer"),
    ("H5", "Semi-independent living"),
    ("K1", "Secure children's home"),
    ("K2", "Children's home"),
    ("K3", "Supported accommodation"),
    ("P1", "Placed with parents"),
    ("P2", "Independent living"),
    ("P3", "Residential employment"),
    ("R1", "Residential care home"),
    ("R2", "NHS/health trust"),
    ("R3", "Family centre or mother and baby unit"),
    ("R5", "Young offender institution"),
    ("S1", "Residential school"),
    ("T0", "Temporary: all"),
    ("T1", "Temporary: change of school"),
    ("T2", "Temporary: respite"),
    ("T3", "Temporary: holiday"),
    ("T4", "Temporary: other"),
    ("U1", "Foster with relative or friend: long term"),
    ("U2", "Foster with relative or friend: FFA/concurrent"),
    ("U3", "Foster with relative or friend: other"),
    ("U4", "Foster, other carer: long term"),
    ("U5", "Foster, other carer: FFA/concurrent"),
    ("U6", "Foster, other carer: other"),
    ("Z1", "Other placement (to 2024-25)"),
    ("Z11", "Other placement: custodial setting (from 2025-26)"),
    ("Z12", "Other placement: hospital (from 2025-26)"),
    ("Z13", "Other placement: other regulated (from 2025-26)"),
    ("Z14", "Other placement: other (from 2025-26)"),
]

# Supported accommodation (K3) is a placement type in the 903 from 2024-25, replacing H5.
SUPPORTED_ACCOMMODATION = date(2024, 4, 1)

PLACEMENT_PROVIDER = [
    ("PR0", "Parent"),
    ("PR1", "Own LA"),
    ("PR2", "Other LA"),
    ("PR3", "Other public"),
    ("PR4", "Private"),
    ("PR5", "Voluntary"),
]

REASON_EPISODE_CEASED = [
    ("X1", "Episode ceases, child remains looked after"),
    ("E11", "Adopted: application unopposed"),
    ("E12", "Adopted: consent dispensed with"),
    ("E2", "Died"),
    ("E3", "Care taken over by another LA"),
    ("E4A", "Returned home, planned"),
    ("E4B", "Returned home, not planned"),
    ("E13", "Left care to live with a person without parental responsibility"),
    ("E41", "Child arrangements order"),
    ("E45", "SGO: former foster carers"),
    ("E46", "SGO: not former foster carers"),
    ("E47", "SGO: relatives, former foster carers"),
    ("E48", "SGO: relatives, not former foster carers"),
    ("E5", "Moved to independent living, supportive"),
    ("E6", "Moved to independent living, no support"),
    ("E7", "Transferred to adult residential care"),
    ("E9", "Sentenced to custody"),
    ("E14", "Accommodation on remand ended"),
    ("E15", "Age assessment: 18 or over"),
    ("E16", "Moved abroad"),
    ("E17", "Staying put"),
    ("E8", "Other"),
]

REASON_PLACE_CHANGE = [
    ("CARPL", "Change to care plan"),
    ("CLOSE", "Carer closure"),
    ("ALLEG", "Allegation"),
    ("STAND", "Standards of care concern"),
    ("APPRR", "Approval removed"),
    ("CREQB", "Carer request: behaviour"),
    ("CREQO", "Carer request: other"),
    ("CHILD", "Child's wishes"),
    ("LAREQ", "LA request"),
    ("PLACE", "Placement ceased"),
    ("CUSTOD", "Custody"),
    ("OTHER", "Other"),
]

REVIEW_CODE = [
    ("PN0", "Child under 4"),
    ("PN1", "Attends and speaks for self"),
    ("PN2", "Attends, advocate speaks"),
    ("PN3", "Attends, conveys views non-verbally"),
    ("PN4", "Attends, does not convey views"),
    ("PN5", "Absent, briefs advocate"),
    ("PN6", "Absent, conveys views by other means"),
    ("PN7", "Absent, views not conveyed"),
]

IN_TOUCH = [
    ("YES", "In touch"),
    ("NO", "Not in touch"),
    ("DIED", "Died"),
    ("REFU", "Refuses contact"),
    ("NREQ", "No longer requires services"),
    ("RHOM", "Returned home"),
]

ACTIVITY = [
    ("F1", "Higher education, full time"),
    ("P1", "Higher education, part time"),
    ("F2", "Other education, full time"),
    ("P2", "Other education, part time"),
    ("F4", "Apprenticeship, full time"),
    ("P4", "Apprenticeship, part time"),
    ("F5", "Training or employment, full time"),
    ("P5", "Training or employment, part time"),
    ("G4", "NEET: illness or disability"),
    ("G5", "NEET: other"),
    ("G6", "NEET: pregnancy or parenting"),
    ("0", "Not known"),
]

# SSDA903 OC3 accommodation: a letter for the type, 1 suitable / 2 not suitable. No fixed abode
# (S) and custody (X) are never suitable, so S1 and X1 are not codes (903 rule 133).
ACCOMMODATION = [
    (f"{letter}{suit}", f"{label}, {'suitable' if suit == '1' else 'not suitable'}")
    for letter, label in [
        ("B", "With parents or relatives"),
        ("C", "Community home or other residential care"),
        ("D", "Semi-independent or transitional accommodation"),
        ("E", "Supported lodgings"),
        ("G", "Gone abroad"),
        ("H", "Deported"),
        ("K", "Ordinary lodgings, without formal support"),
        ("R", "Residence not known"),
        ("S", "No fixed abode or homeless"),
        ("T", "Foyer or similar supported accommodation"),
        ("U", "Independent living"),
        ("V", "Emergency accommodation"),
        ("W", "Bed and breakfast"),
        ("X", "In custody"),
        ("Y", "Other accommodation"),
        ("Z", "With former foster carers"),
    ]
    for suit in ("1", "2")
    if f"{letter}{suit}" not in {"S1", "X1"}
] + [("0", "Not known")]

MISSING_KIND = [("M", "Missing"), ("A", "Away from placement without authorisation")]

HEALTH_CHECK_KIND = [
    ("IHA", "Initial health assessment"),
    ("RHA", "Review health assessment"),
    ("DENTAL", "Dental check"),
]

FINAL_ORDER_TYPE = [
    ("CO", "Care order"),
    ("SO", "Supervision order"),
    ("SGO", "Special guardianship order"),
    ("CAO", "Child arrangements order"),
    ("PO", "Placement order"),
    ("NO", "No order"),
    ("WD", "Application withdrawn"),
]

PREBIRTH_OUTCOME = [
    ("HOME", "Baby home with parents, no plan"),
    ("CIN", "Child in need plan"),
    ("CP", "Child protection plan"),
    ("CLA", "Looked after at birth"),
    ("FAM", "Placed with family"),
    ("LOSS", "Pregnancy loss"),
    ("MOVED", "Moved away before birth"),
]

PF_OUTCOME = [
    ("ONGOING", "Arrangement continues"),
    ("ENDED", "Arrangement ended"),
    ("CLA", "Child became looked after"),
    ("HOME", "Child returned home"),
]


def codes(choices: list[tuple[str, str]]) -> frozenset[str]:
    """The codes of a (code, label) list, for membership checks."""
    return frozenset(code for code, _ in choices)
