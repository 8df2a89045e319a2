"""Synthetic council generator: plain Python, deterministic for a seed, no Django imports.

`generate(spec)` returns a `Dataset` of rows keyed by model label, each row a dict of model
field names with explicit primary keys, so the loader can insert it with bulk inserts only.
No row is taken from or modelled on a real child: names, dates and identifiers are drawn
from small invented lists and the seeded random generator.
"""

from .council import generate
from .dataset import Dataset
from .spec import CouncilSpec

__all__ = ["CouncilSpec", "Dataset", "generate"]
