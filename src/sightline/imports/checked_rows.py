"""A spreadsheet's rows checked against the import rules before anything is written (the audit
history and complaints imports, `audits.history`, `feedback.importing`): any error rejects the
file, naming its row and column; rows imported before (a `-IMPORTED` rule) or repeated within the
file (`-REPEATED`) are warned about and left out, so a corrected file can be imported again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sightline.returns.common import Problem, ReturnFileError

from .rules import all_rules
from .rules.base import Context


@dataclass(frozen=True)
class Checked:
    rows: list[dict]  # the rows to write
    warnings: list[Problem]
    already: int  # rows left out as imported before
    repeated: int  # rows left out as repeated in the file


def check(kind: str, table: str, labels: dict, rows: list[dict], today: date) -> list[Problem]:
    """Every problem the registered rules of `kind` find in `rows` (one table, columns `labels`)."""
    context = Context(today=today, year_start=today, year_end=today)
    return all_rules().check(kind, {table: rows}, context, {table: labels})


def checked(
    kind: str, table: str, labels: dict, rows: list[dict], today: date, rejected: type[ReturnFileError]
) -> Checked:
    """The rows to write and the warnings, or `rejected` (the import's error) with every error."""
    problems = check(kind, table, labels, rows, today)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise rejected(errors)
    warnings = [p for p in problems if p.severity != "error"]
    already = [p for p in warnings if p.code.endswith("-IMPORTED")]
    repeated = [p for p in warnings if p.code.endswith("-REPEATED")]
    skipped = {p.where for p in already + repeated}
    kept = [row for row in rows if row["_where"] not in skipped]
    return Checked(kept, warnings, len(already), len(repeated))


def workers_by_id_or_name(workers) -> dict[str, object]:
    """Each worker by staff id and by full name (lower case), as a spreadsheet names them; a name
    two workers share cannot say which one, so it is left out (the row then says it is not found,
    or keeps the name alone)."""
    found: dict[str, object] = {}
    named: dict[str, list] = {}
    for worker in workers:
        found[worker.staff_id.lower()] = worker
        named.setdefault(f"{worker.first_name} {worker.last_name}".lower(), []).append(worker)
    return found | {name: alike[0] for name, alike in named.items() if len(alike) == 1}
