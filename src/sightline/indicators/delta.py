"""A new engine after a few children's records changed, from the previous engine's facts.

A day's SSD refresh changes a few dozen children of tens of thousands. Recomputing every
indicator's facts, attributing and aggregating them all again costs as much as the first time.
Instead, for every facts frame the previous engine had computed:

- one that read no frame the change touched (the engine notes the frames each facts frame read,
  `Context.reading`; a frame is touched when the changed children's rows in it differ) keeps its
  facts as they were, whatever its module, unless it read the reference date and that moved;
- else one whose module declares `FACTS_FROM = WORKFORCE` keeps its facts as they were;
- else one whose module declares `FACTS_FROM = EACH_CHILD` (a child's rows come from that
  child's own records alone, and any rows of no child from the workforce tables) has its facts
  computed again for the changed children only, from frames holding just their rows; where
  those equal the previous facts of those children the indicator keeps its facts as they were,
  else their rows are replaced in the previous facts;
- any other, and any that read the reference date when it moved, is computed again in full.

The pack is aggregated month by month, so a kept or spliced indicator keeps its rows of the
previous pack for every month in which no row it aggregates changed (`delta_pack`), and only its
other months, and a month the pack newly covers, are aggregated again. Nothing is kept when the
workforce tables, the population or the settings changed. Float sums depend on the order of
their terms, so a ratio or a mean whose values are not whole numbers is computed in full rather
than spliced: every kept or spliced figure is the one a full build gives (tested).
"""

from __future__ import annotations

import sys

import polars as pl

from .delta_pack import changed_months, keep_pack_rows, move_stock_windows, order_free, window
from .engine import Engine
from .frames import Frames
from .registry import EACH_CHILD, WORKFORCE

STORES = ("_flow", "_stock", "_stock_many")


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
    they provably hold; settings as `Engine` takes them. `engine.refresh` says what it did."""
    engine = Engine(frames, registry=previous.registry, **settings)
    if not _comparable(previous, engine):
        return engine
    touched = touched_frames(previous.frames, frames, children)
    moved = previous.frames.reference_date != frames.reference_date
    part: list[Engine] = []  # the changed children's own engine, made when first needed
    months: dict = {}  # key -> the months whose aggregated rows changed (a kept or spliced key)
    outcome: dict[str, set[str]] = {"kept": set(), "spliced": set(), "recomputed": set()}
    for store in STORES:
        for key, old in getattr(previous, store).items():
            ind = previous.registry[key if isinstance(key, str) else key[0]]
            reads = previous.reads.get(key)
            new, changed = None, frozenset()
            if moved and key in previous.read_reference:
                pass  # it read the reference date, which moved
            elif reads is not None and not reads & touched:
                new = old  # it read nothing the change touched
            else:
                if not part:
                    part.append(Engine(_only(frames, children), registry=previous.registry, **settings))
                new, changed = _refreshed_facts(ind, key, store, old, part[0], children)
                reads = (reads or frozenset()) | part[0].reads.get(key, frozenset())
            if new is None:
                outcome["recomputed"].add(ind.id)
                continue
            getattr(engine, store)[key] = new
            engine.reads[key] = reads or frozenset()
            months[key] = changed
            outcome["kept" if new is old else "spliced"].add(ind.id)
            if key in previous.read_reference or (part and key in part[0].read_reference):
                engine.read_reference.add(key)
    outcome["kept"] -= outcome["spliced"] | outcome["recomputed"]
    outcome["spliced"] -= outcome["recomputed"]
    engine.refresh = outcome
    before, after = previous.frames.reference_date, frames.reference_date
    move_stock_windows(previous, engine, months, before, after)
    keep_pack_rows(previous, engine, months)
    for starts, levels in previous._packs:  # built now, as the first visitor will ask for them
        starts = window(starts, before, after)
        engine._packs[(starts, levels)] = engine._pack(list(starts), levels)
    return engine


def touched_frames(before: Frames, after: Frames, children: set[int]) -> set[str]:
    """The frames naming a child whose rows of these children differ (the others are the same)."""
    ids = pl.Series(sorted(children), dtype=pl.Int64).implode()
    touched = set()
    for name, frame in after.tables.items():
        column = child_column(name, frame)
        if column is None:
            continue
        old, new = (f.filter(pl.col(column).is_in(ids)) for f in (before[name], frame))
        if "id" in new.columns:
            old, new = old.sort("id"), new.sort("id")
        if not old.equals(new):
            touched.add(name)
    return touched


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
    """The indicator's facts for the new data and the months whose aggregated rows changed: `old`
    itself where they did not change, the old with the changed children's rows replaced, or None
    (compute them in full)."""
    source = facts_from(ind)
    if source == WORKFORCE:
        return old, frozenset()
    if source != EACH_CHILD:
        return None, None
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
        return None, None
    if _same_rows(before, after):
        return old, frozenset()
    spliced = pl.concat([old.filter(~theirs), after.select(old.columns)], how="vertical_relaxed")
    if spliced.schema != old.schema or not order_free(ind, spliced):
        return None, None
    return spliced, changed_months(before, after.select(old.columns))


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
