"""Writes for the audit programme. Every rule about what may change lives in domain/ and
accounts/roles.py; these functions apply them and store the result. The tools and programmes
are in programmes.py, one audit's changes in editing.py; callers use this package."""

from .editing import (
    TEXT_FIELDS,
    close_action,
    finalise,
    finalise_problems_for,
    new_version,
    raise_action,
    raise_concern,
    record_observation,
    respond_to_concern,
    save_change,
    submit_moderation,
)
from .errors import AuditError
from .programmes import (
    SampleSummary,
    add_to_programme,
    choose_moderation,
    create_programme,
    draw_programme_sample,
    ensure_default_tools,
    latest_version,
    new_tool_version,
)

__all__ = [
    "TEXT_FIELDS",
    "AuditError",
    "SampleSummary",
    "add_to_programme",
    "choose_moderation",
    "close_action",
    "create_programme",
    "draw_programme_sample",
    "ensure_default_tools",
    "finalise",
    "finalise_problems_for",
    "latest_version",
    "new_tool_version",
    "new_version",
    "raise_action",
    "raise_concern",
    "record_observation",
    "respond_to_concern",
    "save_change",
    "submit_moderation",
]
