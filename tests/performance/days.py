"""The daily SSD loop on a small council, for the refresh tests: loaded, adopted, a day on."""

from __future__ import annotations

from sightline.imports.ssd_export import export_ssd
from sightline.imports.ssd_import import import_ssd
from sightline.records.services import load_dataset


def first_extract(council, folder) -> None:
    """The council loaded and its first extract imported (which matches the records row by row)."""
    load_dataset(council, replace=True)
    export_ssd(folder / "day0")
    import_ssd([folder / "day0"])


def next_day(folder):
    """The next day's extract (a few dozen children changed) imported: its run."""
    export_ssd(folder / "day1", advance_days=1)
    return import_ssd([folder / "day1"])
