"""The machine's load, printed beside every bench figure: on a shared machine a figure means
little without it. Imported by the bench scripts (run as `python bench/NAME.py`, so bench/ is
on the path)."""

from __future__ import annotations

import os


def load() -> str:
    """'load 1.23 (5 min 0.98) on 2 cores': the 1- and 5-minute load averages and the cores."""
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} (5 min {five:.2f}) on {os.cpu_count()} cores"
