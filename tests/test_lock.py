"""The lock files cover pyproject.toml: every dependency (and dev tool) is pinned with its hashes.

CI and the demo install only what requirements/dev.lock pins (scripts/bootstrap.sh), so a
dependency added to pyproject.toml without re-locking would be missing there.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _pinned(lock: str) -> set[str]:
    """The names pinned `name==version` with at least one hash in a lock file."""
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    hashed = re.finditer(r"^([A-Za-z0-9_.-]+)==\S+(?: ;[^\\\n]*)?\s*\\\n\s+--hash=sha256:", text, re.M)
    return {match[1].lower().replace("_", "-") for match in hashed}


def test_the_lock_reader_sees_every_pin():
    text = (ROOT / "requirements" / "dev.lock").read_text(encoding="utf-8")
    names = {line.split("==")[0] for line in text.splitlines() if "==" in line}
    assert len(_pinned("dev.lock")) == len(names)
    assert {"django", "polars", "psycopg", "psycopg-binary"} <= _pinned("dev.lock")


def test_every_dependency_is_locked_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    dev = {_name(r) for r in project["optional-dependencies"]["dev"]}
    message = "run `bash scripts/lock.sh` and commit pyproject.toml with both lock files"
    assert not (runtime | dev) - _pinned("dev.lock"), message
    assert not runtime - _pinned("main.lock"), message
    assert not (dev - runtime) & _pinned("main.lock"), "the production lock leaves the dev tools out"


def test_production_lock_pins_the_same_versions_as_the_development_lock():
    pin = re.compile(r"^([A-Za-z0-9_.-]+==\S+)", re.M)
    dev = set(pin.findall((ROOT / "requirements" / "dev.lock").read_text(encoding="utf-8")))
    main = set(pin.findall((ROOT / "requirements" / "main.lock").read_text(encoding="utf-8")))
    assert main and main <= dev
