"""Invented names, identifiers and postcodes for synthetic children and staff."""

from __future__ import annotations

import random
from datetime import date

FIRST_NAMES_F = [
    "Amelia",
    "Isla",
    "Ava",
    "Mia",
    "Ivy",
    "Lily",
    "Isabella",
    "Rosie",
    "Sophia",
    "Grace",
    "Freya",
    "Willow",
    "Evie",
    "Ella",
    "Poppy",
    "Emily",
    "Daisy",
    "Florence",
    "Ruby",
    "Sienna",
    "Aisha",
    "Zara",
    "Maya",
    "Hana",
    "Leah",
    "Orla",
    "Erin",
    "Nia",
    "Chloe",
    "Ellie",
    "Harper",
    "Esme",
    "Layla",
    "Millie",
    "Phoebe",
    "Matilda",
    "Aria",
    "Eliza",
    "Imogen",
    "Thea",
]
FIRST_NAMES_M = [
    "Oliver",
    "George",
    "Noah",
    "Arthur",
    "Muhammad",
    "Leo",
    "Harry",
    "Oscar",
    "Archie",
    "Henry",
    "Theodore",
    "Freddie",
    "Jack",
    "Charlie",
    "Theo",
    "Alfie",
    "Jacob",
    "Thomas",
    "Finley",
    "Arlo",
    "Lucas",
    "Isaac",
    "Tommy",
    "Joshua",
    "Ezra",
    "Kai",
    "Rory",
    "Adam",
    "Yusuf",
    "Callum",
    "Dylan",
    "Ethan",
    "Ibrahim",
    "Kian",
    "Mason",
    "Reggie",
    "Ronnie",
    "Sonny",
    "Zain",
    "Bobby",
]
LAST_NAMES = [
    "Ashdown",
    "Birchall",
    "Calloway",
    "Dunmore",
    "Ellery",
    "Fairbank",
    "Garside",
    "Hollis",
    "Ingram",
    "Jessop",
    "Kettering",
    "Lindqvist",
    "Marchbank",
    "Norcott",
    "Oakridge",
    "Pellow",
    "Quarrie",
    "Redfern",
    "Southgate",
    "Thornbury",
    "Upfield",
    "Vickerstaff",
    "Wainhouse",
    "Yardley",
    "Brackley",
    "Cowling",
    "Denholm",
    "Eastwood",
    "Fenwick",
    "Gilmartin",
    "Hepworth",
    "Illingworth",
    "Kinsella",
    "Lockwood",
    "Mowbray",
    "Netherton",
    "Overend",
    "Pickersgill",
    "Rushworth",
    "Stainforth",
    "Tillotson",
    "Whitlock",
    "Akhtar",
    "Begum",
    "Chaudhry",
    "Hussain",
    "Mahmood",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Nowak",
    "Kowalski",
    "Popescu",
    "Ionescu",
    "Ferreira",
    "Santos",
]

CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
HOME_DISTRICTS = [f"DE{n}" for n in (1, 3, 6, 21, 22, 23, 24, 65, 72, 73, 74)]
AWAY_DISTRICTS = ["NG7", "NG9", "LE4", "S41", "ST4", "B23", "M14", "NG18", "LN6", "WS11"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def person_name(rng: random.Random, sex: str) -> tuple[str, str]:
    pool = FIRST_NAMES_F if sex == "F" else FIRST_NAMES_M if sex == "M" else FIRST_NAMES_F + FIRST_NAMES_M
    return rng.choice(pool), rng.choice(LAST_NAMES)


def upn(rng: random.Random, la_code: str, year_allocated: int) -> str:
    """A Unique Pupil Number with a valid check letter (DfE modulus-23 algorithm)."""
    body = f"{la_code}{rng.randrange(1000, 9999)}{year_allocated % 100:02d}{rng.randrange(0, 1000):03d}"
    total = sum(int(digit) * weight for digit, weight in zip(body, range(2, 14), strict=True))
    return CHECK_LETTERS[total % 23] + body


def postcode(rng: random.Random, away: bool = False) -> str:
    district = rng.choice(AWAY_DISTRICTS if away else HOME_DISTRICTS)
    return f"{district} {rng.randrange(1, 10)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"


def la_child_id(number: int) -> str:
    return f"C{number:07d}"


def birthday(dob: date, years: int) -> date:
    """The date a child born on `dob` turns `years` (29 February -> 1 March)."""
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:
        return date(dob.year + years, 3, 1)
