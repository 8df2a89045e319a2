"""The validators' adapter while scripts/bootstrap.sh is still building their environment."""

from __future__ import annotations

import fcntl
import threading
import time
from pathlib import Path

import pytest

from sightline.returns import validators


@pytest.fixture
def no_validators(tmp_path, monkeypatch):
    """No interpreter yet; the build lock in tmp_path (held by the test when it wants a build)."""
    monkeypatch.setenv("SIGHTLINE_VALIDATORS_PYTHON", str(tmp_path / "missing" / "python"))
    monkeypatch.setattr(validators, "BUILD_LOCK", tmp_path / ".venv-validators.lock")
    return tmp_path / ".venv-validators.lock"


def hold(lock):
    handle = open(lock, "wb")  # noqa: SIM115 - the caller releases it
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def test_validation_is_being_prepared_only_while_the_build_holds_its_lock(no_validators):
    assert not validators.validators_being_prepared()  # no lock file: never started
    handle = hold(no_validators)
    assert validators.validators_being_prepared()
    handle.close()  # the build finished (or failed)
    assert not validators.validators_being_prepared()


def test_a_validation_waits_for_the_build_before_saying_the_validators_are_missing(no_validators):
    handle = hold(no_validators)
    threading.Timer(1.5, handle.close).start()
    started = time.monotonic()
    with pytest.raises(validators.ValidatorsUnavailableError, match="not installed"):
        validators.run_validator("cin", ["cin.xml"], 2026, wait=60)
    assert time.monotonic() - started >= 1.4


def test_a_check_that_does_not_ask_to_wait_is_told_at_once_while_the_build_runs(no_validators):
    """The standing check after an import must not hold the job worker for the build."""
    handle = hold(no_validators)
    try:
        started = time.monotonic()
        with pytest.raises(validators.ValidatorsUnavailableError, match="not installed"):
            validators.run_validator("cin", ["cin.xml"], 2026)
        assert time.monotonic() - started < 1
    finally:
        handle.close()


def test_a_validation_runs_once_the_build_puts_the_interpreter_in_place(no_validators, tmp_path):
    real = validators.ROOT / ".venv-validators" / "bin" / "python"
    if not real.is_file():
        pytest.skip("the DfE validators' environment .venv-validators is missing")
    handle = hold(no_validators)

    def finish_build():
        (tmp_path / "missing").mkdir()
        python = tmp_path / "missing" / "python"
        python.write_text(f'#!/bin/sh\nexec "{real}" "$@"\n')
        python.chmod(0o755)
        handle.close()

    threading.Timer(1.0, finish_build).start()
    census = Path(__file__).parents[1] / "fixtures" / "returns" / "fake_style_cin.xml"
    with pytest.raises(validators.NoRulesError):  # the package answered: it has no 2021-22 rules
        validators.run_validator("cin", [census], 2022, wait=60)


@pytest.mark.parametrize(
    ("ruleset", "said"),
    [
        ("cin2025_26", "the CIN census 2025-26 rules"),
        ("lac2024_25", "the SSDA903 (children looked after) 2024-25 rules"),
        ("", "the DfE's rules"),
    ],
)
def test_a_rule_set_is_named_as_the_returns_team_names_it(ruleset, said):
    assert validators.ruleset_label(ruleset) == said
    assert validators.ValidationResult("cin", [], ruleset=ruleset).rules_label == said


def test_missing_validators_are_reported_in_words_staff_can_act_on(no_validators):
    from sightline.indicators.citations import DEVELOPER_TEXT

    with pytest.raises(validators.ValidatorsUnavailableError) as missing:
        validators.run_validator("cin", ["cin.xml"], 2026)
    said = str(missing.value)
    assert "not installed" in said and not DEVELOPER_TEXT.search(said), said
    assert "bootstrap.sh" in missing.value.details  # the operator's hint, logged, not shown


def test_a_failed_build_is_told_to_staff_as_validators_that_could_not_be_installed(
    no_validators, tmp_path, monkeypatch
):
    monkeypatch.setattr(validators, "BUILD_FAILED", tmp_path / ".venv-validators.failed")
    with pytest.raises(validators.ValidatorsUnavailableError, match="are not installed"):
        validators.run_validator("cin", [tmp_path / "census.xml"], 2026)
    validators.BUILD_FAILED.write_text("2026-12-04T01:40:00Z\n")
    assert validators.validators_unavailable()
    with pytest.raises(validators.ValidatorsUnavailableError) as raised:
        validators.run_validator("cin", [tmp_path / "census.xml"], 2026)
    message = str(raised.value)
    assert "could not be installed" in message and "ask whoever runs Sightline" in message
    assert ".venv" not in message and "bootstrap" not in message  # those are in the details
    assert ".venv-validators.log" in raised.value.details
    from sightline.jobs.failures import staff_message

    page = staff_message(raised.value, None)  # what the job's page says
    assert "could not be installed" in page and ".venv" not in page
