"""The scope of one page read or report build (`engine_cache.one_engine`), and reads kept for it.

A page asked for the council's row at every helper that wanted the data's date (the view, the
template context, each panel) and again for the engine's data version: one small query each,
four or five a page. Within a scope each is read once; outside one (the CLI, a POST) every
call reads afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

# The scope's dictionary: "engine" once an engine is fixed on, "reads" for `scoped`.
current: ContextVar[dict | None] = ContextVar("sightline_engine_scope", default=None)


def scoped(key: str, read: Callable[[], T]) -> T:
    """`read()`, once per scope under `key`; a fresh read every call outside a scope."""
    scope = current.get()
    if scope is None:
        return read()
    reads = scope.setdefault("reads", {})
    if key not in reads:
        reads[key] = read()
    return reads[key]
