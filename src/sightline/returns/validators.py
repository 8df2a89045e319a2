"""The adapter to the DfE validators, which live in their own environment.

csc-validator-be-cin and csc-validator-be-903 pin pandas < 2 and numpy < 1.25, which would
hold back the main environment (Polars, current pandas users). They are installed in
`.venv-validators` by scripts/bootstrap.sh and run in a subprocess: JSON in on stdin, JSON
out on stdout (see validator_worker.py). Set SIGHTLINE_VALIDATORS_PYTHON to use another
interpreter.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)
WORKER = Path(__file__).with_name("validator_worker.py")
ROOT = Path(__file__).resolve().parents[3]
# Held by scripts/bootstrap.sh while it builds .venv-validators in the background.
BUILD_LOCK = ROOT / ".venv-validators.lock"
# Left by scripts/bootstrap.sh when that build failed (the reason is in .venv-validators.log).
BUILD_FAILED = ROOT / ".venv-validators.failed"
# How long a validation waits for that build (a warm package cache needs a minute or two).
BUILD_WAIT_SECONDS = 900


# The DfE rules that compare one child with another: a check of a few children (`children=`)
# must include every child they compare with. Both look for one UPN on two children (CIN 1520
# "More than one record with the same UPN", SSDA903 444 "Duplicate UPN has been reported");
# the LA child ID duplicates (CIN 8510) are one child's rows by definition.
CROSS_CHILD_RULES = {"cin": ("1520",), "903": ("444",)}


class ValidatorsUnavailableError(RuntimeError):
    """The validators' environment is missing, or the validator failed unexpectedly.

    The message is for the user; `details` holds the validator's own traceback, if any.
    """

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details
        if details:
            logger.info("%s\n%s", message, details)  # for operators; info: the CLI never prints it


class ValidatorsNotInstalledError(ValidatorsUnavailableError):
    """The validators' environment is missing (as against a validator that failed while running);
    `build_failed` when scripts/bootstrap.sh tried to build it and failed (said as a fact, not
    read back from the message, whose words may change)."""

    def __init__(self, message: str, details: str = "", *, build_failed: bool = False) -> None:
        super().__init__(message, details)
        self.build_failed = build_failed


class NoRulesError(Exception):
    """The installed package has no rules for the collection year (`available`: the years it has)."""

    def __init__(self, message: str, year: int, available: list[int]) -> None:
        super().__init__(message)
        self.year = year
        self.available = available


class UnreadableByValidatorError(Exception):
    """The package itself could not read files that Sightline's reader accepted."""


RETURN_NAMES = {"cin": "CIN census", "lac": "SSDA903 (children looked after)"}


def ruleset_label(ruleset: str) -> str:
    """The validator's rule set id ('cin2025_26') as a person names it: 'the CIN census 2025-26 rules'."""
    match = re.fullmatch(r"([a-z]+)(\d{4})_(\d{2})", ruleset)
    if match is None or match[1] not in RETURN_NAMES:
        return f"the DfE's rules ({ruleset})" if ruleset else "the DfE's rules"
    return f"the {RETURN_NAMES[match[1]]} {match[2]}-{match[3]} rules"


def validators_python() -> Path | None:
    """The validators' interpreter, or None when the environment has not been created."""
    configured = os.environ.get("SIGHTLINE_VALIDATORS_PYTHON")
    candidates = [Path(configured)] if configured else [ROOT / ".venv-validators" / "bin" / "python"]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def validators_being_prepared() -> bool:
    """True while scripts/bootstrap.sh is still building the validators' environment (it holds
    BUILD_LOCK), so pages can say validation is being prepared rather than missing."""
    if validators_python() is not None:
        return False
    try:
        with open(BUILD_LOCK, "rb") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
    except OSError:  # no lock file: nothing is being built
        pass
    return False


def validators_unavailable() -> bool:
    """True when there is no validators' interpreter and none is being built (never installed,
    or the build failed): pages say validation is unavailable, rather than that it is coming."""
    return validators_python() is None and not validators_being_prepared()


def _unavailable_message(build_failed: bool) -> str:
    if build_failed:
        return (
            "the DfE validators could not be installed on this server, so files cannot be checked "
            "against their rules: ask whoever runs Sightline to install them again"
        )
    return (
        "the DfE validators are not installed on this server, so files cannot be checked against "
        "their rules: ask whoever runs Sightline to install them"
    )


def _wait_for_validators(timeout: float) -> Path | None:
    """The validators' interpreter, waiting up to `timeout` seconds while it is being built."""
    deadline = time.monotonic() + timeout
    while validators_being_prepared() and time.monotonic() < deadline:
        time.sleep(1)
    return validators_python()


def _files_by_table(kind: str, files: list[str | Path]) -> dict[str, str]:
    """Which file each table came from, so an issue names the file to open."""
    if len(files) == 1:
        return {"": Path(files[0]).name}
    import csv

    from .ssda903 import identify

    out = {}
    for path in files:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
            table, _ = identify(next(csv.reader(handle), []))
        if table:
            out[table] = Path(path).name
    return out


@dataclass(frozen=True)
class Issue:
    """One rule hit: which child, which rule (code and the DfE's description), where."""

    child_id: str
    rule_code: str
    rule_description: str
    table: str
    field: str
    row_id: str
    file: str = ""


@dataclass
class ValidationResult:
    kind: str
    files: list[str]
    ruleset: str = ""
    rules_run: int = 0
    issues: list[Issue] = field(default_factory=list)
    return_issues: list[dict] = field(default_factory=list)
    failed_rules: list[str] = field(default_factory=list)
    versions: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)  # the worker's reading and rules, for benchmarks

    @property
    def rules_label(self) -> str:
        """The rules run, as the returns team says them ("the CIN census 2025-26 rules")."""
        return ruleset_label(self.ruleset)

    def rule_codes(self) -> set[str]:
        return {i.rule_code for i in self.issues} | {str(r["rule_code"]) for r in self.return_issues}


def run_validator(
    kind: str,
    files: list[str | Path],
    year: int,
    local_authority: str = "",
    timeout: float = 3600,
    children: list[str] | None = None,
    reader: str = "sightline",
    wait: float = 0,
) -> ValidationResult:
    """Run csc-validator-be-cin (kind 'cin', one XML) or -903 (kind '903', the CSVs or one XML).

    `children`: validate only these children's rows (LA child IDs), e.g. to re-check a few
    children after a change; rules across children then see only them. `reader`: 'sightline'
    builds the CIN validator's tables in one pass, 'package' uses the package's own converter
    (the reference; 10-20 times slower on a whole census). Raises NoRulesError when the package
    has no rules for the year. `wait`: seconds to wait while the validators' environment is being
    built (a validation job waits; a standing check after an import does not hold the worker).
    """
    python = validators_python() or _wait_for_validators(wait)
    if python is None:
        build_failed = BUILD_FAILED.exists()
        raise ValidatorsNotInstalledError(
            _unavailable_message(build_failed),
            "for operators: scripts/bootstrap.sh creates .venv-validators (its log: "
            ".venv-validators.log); "
            "or set SIGHTLINE_VALIDATORS_PYTHON",
            build_failed=build_failed,
        )
    request = {
        "kind": kind,
        "files": [str(Path(f).resolve()) for f in files],
        "year": year,
        "local_authority": local_authority,
        "reader": reader,
    }
    if children is not None:
        request["children"] = list(children)
    completed = subprocess.run(
        [str(python), str(WORKER)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    try:
        answer = json.loads(completed.stdout)
    except json.JSONDecodeError:
        raise ValidatorsUnavailableError(
            f"the DfE validator stopped without an answer (exit code {completed.returncode})",
            completed.stderr[-4000:],
        ) from None
    if answer.get("problem") == "no-rules":
        raise NoRulesError(answer["error"], year, answer.get("available", []))
    if answer.get("problem") == "unreadable":
        raise UnreadableByValidatorError(answer["error"])
    if "error" in answer:
        names = ", ".join(Path(f).name for f in files)
        raise ValidatorsUnavailableError(
            f"the DfE validator failed on {names}: {answer['error']}", answer.get("traceback", "")
        )
    file_of = _files_by_table(kind, files)
    issues = [
        Issue(
            str(i["child_id"]),
            str(i["rule_code"]),
            str(i["rule_description"]),
            str(i["table"]),
            str(i["field"]),
            str(i["row_id"]),
            file_of.get(str(i["table"]), file_of.get("", "")),
        )
        for i in answer["issues"]
    ]
    return ValidationResult(
        kind=kind,
        files=[str(f) for f in files],
        ruleset=answer["ruleset"],
        rules_run=answer["rules_run"],
        issues=issues,
        return_issues=answer["return_issues"],
        failed_rules=answer["failed_rules"],
        versions=answer["versions"],
        seconds=answer.get("seconds", {}),
    )
