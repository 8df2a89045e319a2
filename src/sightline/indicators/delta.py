"""A new engine after a few children's records changed, from the previous engine's facts.

A day's SSD refresh changes a few dozen children of tens of thousands. Recomputing every
indicator's facts, attributing and aggregating them all again costs as much as the first time.
Instead, for every facts frame the previous engine had computed:

- an indicator whose module declares `FACTS_FROM = WORKFORCE` (its rows come from the tables
  no child is in) keeps its facts as they were;
- one whose module declares `FACTS_FROM = EACH_CHILD` (a child's rows come from that child's
  own records alone, and any rows of no child from the workforce tables) has its facts
  computed again for the changed children only, from frames holding just their rows; where
  those equal the previous facts of those children the indicator keeps its facts as they were,
  else their rows are replaced in the previous facts;
- any other, and any that read the reference date when it moved, is computed again in full.

An indicator that kept its facts keeps its rows of the previous pack too. Nothing is kept when
the workforce tables, the population or the settings changed. Float sums depend on the order
of their terms, so a ratio or a mean whose values are not whole numbers is computed in full
rather than spliced: every kept or spliced figure is the one a full build gives (tested).
"""

from __future__ import annotations

import sys

import polars as pl

from .engine import Engine
from .frames import Frames
from .periods import month_end
from .registry import EACH_CHILD, WORKFORCE

ORDER_FREE = {"percent", "count", "rate", "median"}  # aggregates whose value ignores row order


def facts_from(ind) -> str | None:
    """What the module declaring the indicator says its facts are computed from, if it says."""
    return getattr(sys.modules.get(ind.facts.__module__), "FACTS_FROM", None)


def child_column(name: str, frame: pl.DataFrame) -> str | None:
    """The column naming a frame's child: the child's id, a child_id, or none (a workforce table)."""
    if name == "child":
        return "id"
    return "child_id" if "child_id" in frame.columns else None


def refreshed(previous: Engine, frames: Frames, children: set[int], **settings) -> Engine:
    """The engine for `frames`, which differ from the previous engine's in these children's rows
    only (as `performance.loader.patch_frames` makes them), with the previous facts reused where
    they provably hold; settings as `Engine` takes them."""
    engine = Engine(frames, registry=previous.registry, **settings)
    if not _comparable(previous, engine):
        return engine
    part = Engine(_only(frames, children), registry=previous.registry, **settings)
    moved = previous.frames.reference_date != frames.reference_date
    kept: set[str] = set()
    changed: set[str] = set()
    for store in ("_flow", "_stock", "_stock_many"):
        for key, old in getattr(previous, store).items():
            ind = previous.registry[key if isinstance(key, str) else key[0]]
            if moved and key in previous.read_reference:
                changed.add(ind.id)
                continue
            new = _refreshed_facts(ind, key, store, old, part, children)
            if new is None:
                changed.add(ind.id)
                continue
            getattr(engine, store)[key] = new
            (kept if new is old else changed).add(ind.id)
            if key in part.read_reference or key in previous.read_reference:
                engine.read_reference.add(key)
    _keep_pack_rows(previous, engine, kept - changed)
    for starts, levels in previous._packs:  # built now, as the previous engine had them
        engine._packs[(starts, levels)] = engine._pack(list(starts), levels)
    return engine


def _comparable(previous: Engine, engine: Engine) -> bool:
    old, new = previous.frames, engine.frames
    return (
        previous.standards == engine.standards
        and previous.population == engine.population
        and old.la_code == new.la_code
        and old.calendar is new.calendar
        and all(
            old[name].equals(frame) for name, frame in new.tables.items() if child_column(name, frame) is None
        )
    )


def _only(frames: Frames, children: set[int]) -> Frames:
    """The frames with only these children's rows in the tables that name a child."""
    ids = pl.Series(sorted(children), dtype=pl.Int64).implode()
    tables = {
        name: frame
        if (column := child_column(name, frame)) is None
        else frame.filter(pl.col(column).is_in(ids))
        for name, frame in frames.tables.items()
    }
    return Frames(
        tables=tables,
        reference_date=frames.reference_date,
        population_0_17=frames.population_0_17,
        la_code=frames.la_code,
        calendar=frames.calendar,
    )


def _refreshed_facts(ind, key, store: str, old: pl.DataFrame, part: Engine, children: set[int]):
    """The indicator's facts for the new data: `old` itself where they did not change, the old
    with the changed children's rows replaced, or None (compute them in full)."""
    source = facts_from(ind)
    if source == WORKFORCE:
        return old
    if source != EACH_CHILD:
        return None
    if store == "_flow":
        fresh = part._flow_facts(ind)
    elif store == "_stock":
        fresh = part._stock_facts(ind, key[1])
    else:
        fresh = part._stock_series(ind, key[1])
    ids = pl.Series(sorted(children), dtype=pl.Int64).implode()
    theirs = pl.col("child_id").is_in(ids).fill_null(False)
    before, after = old.filter(theirs), fresh.filter(theirs)
    if before.schema != after.schema and not after.is_empty():
        return None
    if _same_rows(before, after):
        return old
    spliced = pl.concat([old.filter(~theirs), after.select(old.columns)], how="vertical_relaxed")
    if spliced.schema != old.schema:
        return None
    if ind.aggregate not in ORDER_FREE and not _whole_numbers(spliced):
        return None
    return spliced


def _same_rows(a: pl.DataFrame, b: pl.DataFrame) -> bool:
    """The same rows, in any order (a false "not the same" only costs a splice)."""
    if a.height != b.height or a.schema != b.schema:
        return False
    if a.is_empty():
        return True
    columns = [c for c, dtype in a.schema.items() if not isinstance(dtype, pl.List)]
    try:
        return a.sort(columns, nulls_last=True).equals(b.sort(columns, nulls_last=True))
    except pl.exceptions.PolarsError:
        return False


def _whole_numbers(frame: pl.DataFrame) -> bool:
    """Every value and weight a whole number (far below 2**53): their sums are the same in any order."""
    for column in ("value", "weight"):
        values = frame[column].drop_nulls()
        if values.len() and not ((values == values.round(0)).all() and values.abs().max() < 2**40):
            return False
    return True


def _keep_pack_rows(previous: Engine, engine: Engine, kept: set[str]) -> None:
    """The previous packs' rows of the indicators whose every facts frame was kept as it was."""
    for (starts, levels), pack in previous._packs.items():
        ons = tuple(month_end(s) for s in starts)
        usable = {
            i
            for i in kept
            if (i in engine._flow and engine._flow[i] is previous._flow.get(i))
            or (
                engine._stock_many.get((i, ons)) is not None
                and engine._stock_many[(i, ons)] is previous._stock_many.get((i, ons))
            )
        }
        if usable and not pack.is_empty():
            engine._reusable.append(
                ((starts, levels), pack.filter(pl.col("indicator_id").is_in(usable)), usable)
            )
