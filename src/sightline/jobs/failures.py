"""What a failed job's page says: each known failure in staff words (what happened, what to do).

The exception itself (its class, message and traceback) goes to the log for whoever runs
Sightline (`services.run` logs it); the page never shows it, as a raw message can name files,
settings or code. Anything not listed here gets the generic message, which points to the log.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import timedelta

from django.db import DatabaseError

ASK = "ask whoever runs Sightline"


def _years(available) -> str:
    names = [f"{int(y) - 1}-{str(int(y))[2:]}" for y in sorted(available)]
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


def _not_installed(error, job) -> str:
    if getattr(error, "build_failed", False):
        return (
            "The DfE validators could not be installed on this server, so the files could not be "
            f"checked against the DfE's rules. To check them, {ASK} to install the validators again, "
            "then send the files again."
        )
    return (
        "The DfE validators are not installed on this server, so the files could not be checked "
        f"against the DfE's rules. To check them, {ASK} to install the validators, then send the "
        "files again."
    )


def _validator_failed(error, job) -> str:
    return (
        "The DfE validator stopped part-way through checking the files, so there is no result. "
        f"Send the files again; if it fails again, {ASK} to look in the server's log for returns "
        f"job {job.pk}."
    )


def _no_rules(error, job) -> str:
    year = getattr(error, "year", None)
    which = f"collection year {_years([year])}" if year else "that collection year"
    available = getattr(error, "available", None) or []
    if not available:
        return f"The DfE validators installed here have no rules for {which}: {ASK} to update them."
    return (
        f"The DfE validators installed here have no rules for {which}. They have rules for "
        f"{_years(available)}: choose one of those years, or {ASK} to update the validators."
    )


def _unreadable_by_validator(error, job) -> str:
    return (
        "Sightline could read the files but the DfE validator could not. Check they are the return "
        f"the DfE expects for that year (not an older layout); if they are, {ASK} to look in the "
        f"server's log for returns job {job.pk}."
    )


def _return_file(error, job) -> str:
    problems = getattr(error, "problems", [])
    if not problems:
        return "The files could not be read. Correct them and send them again."
    found = "1 problem was" if len(problems) == 1 else f"{len(problems):,} problems were"
    return (
        f"The files could not be read: {found} found. The first: {problems[0]}. "
        "Correct the files and send them again."
    )


def _no_council(error, job) -> str:
    return (
        "Sightline holds no children's records yet, so there is nothing to build this from. "
        "Import the council's returns first, then try again."
    )


def _database(error, job) -> str:
    return (
        "The database could not finish the job's work (it may have been busy or restarting). "
        f"Try again in a few minutes; if it fails again, {ASK} to check the database."
    )


def _timeout(error, job) -> str:
    return (
        "The job took longer than the server allows and was stopped. Try again when the server is "
        f"quieter; if it is stopped again, {ASK} to look in the server's log for returns job {job.pk}."
    )


def _memory(error, job) -> str:
    return (
        "The server ran out of memory doing this job, so it was stopped. "
        f"{ASK[0].upper()}{ASK[1:]} to give the workers more memory, or send fewer files at once."
    )


def generic(job) -> str:
    return (
        "Something went wrong that Sightline did not expect, so the job stopped and has no result. "
        f"Try again; if it fails again, {ASK} to look in the server's log for returns job {job.pk}, "
        "which has the details."
    )


def gave_up(attempts: int, each: timedelta) -> str:
    """A job whose worker died each time it ran it (see services.requeue_stale)."""
    hours = each.total_seconds() / 3600
    if hours >= 1:
        allowed = f"{hours:g} hour{'s' if hours != 1 else ''}"
    else:
        allowed = f"{each.total_seconds() / 60:g} minutes"
    return (
        f"No worker finished this job in {attempts} tries (each allowed {allowed}), so it was stopped. "
        f"The files may be too big for the server: {ASK} to look in the workers' log."
    )


def _known() -> list[tuple[type[BaseException], Callable]]:
    """Most specific first: the first type the error is an instance of gives its message."""
    from sightline.performance.loader import NoCouncilError
    from sightline.returns.common import ReturnFileError
    from sightline.returns.validators import (
        NoRulesError,
        UnreadableByValidatorError,
        ValidatorsNotInstalledError,
        ValidatorsUnavailableError,
    )

    return [
        (ValidatorsNotInstalledError, _not_installed),
        (ValidatorsUnavailableError, _validator_failed),
        (NoRulesError, _no_rules),
        (UnreadableByValidatorError, _unreadable_by_validator),
        (ReturnFileError, _return_file),
        (NoCouncilError, _no_council),
        (DatabaseError, _database),
        (subprocess.TimeoutExpired, _timeout),
        (TimeoutError, _timeout),
        (MemoryError, _memory),
    ]


def staff_message(error: BaseException, job) -> str:
    """What the job's page says about `error`: what happened and what to do, in staff words."""
    for kind, message in _known():
        if isinstance(error, kind):
            return message(error, job)
    return generic(job)
