"""Whole numbers typed by people or read from files.

`str.isdigit()` is true of characters `int()` cannot read ('²', '①'), so a check with it let
such a value through to a ValueError and a traceback. Every "is this a whole number" asks here.
"""

from __future__ import annotations


def is_whole_number(text: object) -> bool:
    """Whether `text` is written only in the digits 0 to 9 (no sign, no spaces, no other script)."""
    return isinstance(text, str) and text.isascii() and text.isdigit()
