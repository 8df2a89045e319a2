"""docs/import-rules.md is written from the declarations and kept current."""

from __future__ import annotations

from pathlib import Path

from sightline.cli import main
from sightline.imports.rules import all_rules
from sightline.imports.rules.docs import render

DOCS = Path(__file__).parents[3] / "docs" / "import-rules.md"


def test_the_rules_document_is_current():
    assert DOCS.read_text() == render(), "docs/import-rules.md is stale: run `sightline import-rules`"


def test_every_rule_is_listed_once_with_its_code():
    text = render()
    for rule in all_rules():
        assert text.count(f"`{rule.code}`") == 1


def test_the_check_option_says_whether_the_file_is_current(tmp_path, capsys):
    out = tmp_path / "rules.md"
    assert main(["import-rules", "--out", str(out), "--check"]) == 1
    assert main(["import-rules", "--out", str(out)]) == 0
    assert main(["import-rules", "--out", str(out), "--check"]) == 0
