"""The report every register's history import prints (`sightline import-audits`, `import-feedback`)."""

from __future__ import annotations

from types import SimpleNamespace

from sightline.commands import import_and_report


class RejectedError(Exception):
    pass


def test_a_history_import_says_what_it_did_and_caps_its_warnings(capsys):
    result = SimpleNamespace(
        file="audits.csv", imported=1200, already=3, repeated=0, warnings=[f"row {n}: odd" for n in range(25)]
    )
    code = import_and_report(
        "import-audits", lambda: result, RejectedError, lambda r: f"{r.imported:,} audits"
    )
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0] == "audits.csv: 1,200 audits; 3 already in Sightline, left as they were"
    assert out[1:21] == [f"  warning: row {n}: odd" for n in range(20)]
    assert out[21:] == ["  ... and 5 more warnings"]


def test_a_rejected_history_import_writes_nothing_and_exits_2(capsys):
    def run():
        raise RejectedError("bad.csv: row 2, field overall_grade: not a grade")

    assert import_and_report("import-audits", run, RejectedError, str) == 2
    said = capsys.readouterr()
    assert said.out == ""
    problem = "bad.csv: row 2, field overall_grade: not a grade"
    assert said.err == f"sightline import-audits: rejected, nothing written: {problem}\n"
