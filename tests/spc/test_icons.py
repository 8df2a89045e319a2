"""The MDC icons: the right colour and letter for each case, and a text alternative on every one."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree

from sightline.spc import ASSURANCE_LABELS, VARIATION_LABELS, analyse, icon_for
from sightline.spc.icons import BLUE, GREY, ORANGE, PURPLE, assurance_icon, variation_icon

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("code", list(VARIATION_LABELS))
def test_every_variation_icon_is_labelled_svg(code):
    icon = variation_icon(code)
    tree = etree.fromstring(icon.svg)
    assert tree.get("role") == "img" and tree.get("aria-label") == VARIATION_LABELS[code]
    assert tree.find(f"{SVG}title").text == VARIATION_LABELS[code]
    expected = {"common": GREY, "improvement": BLUE, "concern": ORANGE, "neutral": PURPLE}[code.split("_")[0]]
    assert icon.colour == expected
    letters = [t.text for t in tree.iter(f"{SVG}text")]
    assert letters == ([] if code == "common_cause" else ["H" if code.endswith("high") else "L"])


@pytest.mark.parametrize(
    ("code", "letter", "colour"), [("pass", "P", BLUE), ("fail", "F", ORANGE), ("hit_and_miss", "?", GREY)]
)
def test_assurance_icons(code, letter, colour):
    icon = assurance_icon(code)
    tree = etree.fromstring(icon.svg)
    assert tree.get("aria-label") == ASSURANCE_LABELS[code]
    assert [t.text for t in tree.iter(f"{SVG}text")] == [letter] and icon.colour == colour


def test_icon_for_a_result():
    dates = [date(2024, m, 1) for m in range(1, 9)]
    icons = icon_for(analyse(dates, [10, 12, 11, 13, 12, 14, 12, 10], polarity="up", target=17))
    assert icons.variation.code == "common_cause" and icons.assurance.code == "fail"
    assert icon_for(analyse(dates, [10, 12, 11, 13, 12, 14, 12, 10])).assurance is None
