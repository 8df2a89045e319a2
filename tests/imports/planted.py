"""Known errors planted in exported returns, for tests that need a file the DfE rules reject."""

from __future__ import annotations

from pathlib import Path

from lxml import etree


def cp_plan_ending_before_it_starts(cin: Path, out: Path) -> str:
    """The census with its first CP plan ending a year before it started; returns that child's ID."""
    tree = etree.parse(str(cin))
    plan = tree.find(".//ChildProtectionPlans")
    child_id = plan.getparent().getparent().findtext("ChildIdentifiers/LAchildID")
    start = plan.findtext("CPPstartDate")
    end = plan.find("CPPendDate")
    if end is None:
        end = etree.Element("CPPendDate")
        plan.find("CPPstartDate").addnext(end)
    end.text = f"{int(start[:4]) - 1}{start[4:]}"
    tree.write(str(out), xml_declaration=True, encoding="utf-8")
    return child_id
