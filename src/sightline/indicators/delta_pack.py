"""The previous pack's rows a refresh can keep, month by month (`delta.refreshed`).

A pack row is one indicator's aggregate over the facts of one month at one unit, so it holds
for as long as no facts row of that month changed in what is aggregated (its date, numerator,
denominator, value, weight, service, team or worker). A kept indicator keeps every month's rows;
a spliced one keeps the months in which the changed children's rows aggregate as before. When a
new month begins, a pack ending with the previous month moves on a month: the months it still
covers keep their rows, and stock facts are computed for the new month-end alone.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from .periods import month_end, month_starts

ORDER_FREE = {"percent", "count", "rate", "median"}  # aggregates whose value ignores row order
AGGREGATED = ("date", "num", "den", "value", "weight", "service_id", "team_id", "worker_id")


def order_free(ind, facts: pl.DataFrame) -> bool:
    """Its aggregate is the same whatever the order of the rows: one that ignores order, or one
    whose every value and weight is a whole number (far below 2**53), as their sums then are."""
    if ind.aggregate in ORDER_FREE:
        return True
    for column in ("value", "weight"):
        values = facts[column].drop_nulls()
        if values.len() and not ((values == values.round(0)).all() and values.abs().max() < 2**40):
            return False
    return True


def window(starts: tuple, before: date, after: date) -> tuple:
    """The months a pack ending with the previous reference date's month covers now (a new month
    moves it on); any other pack's months stay as they were."""
    if starts[-1] != before.replace(day=1) or after.replace(day=1) == starts[-1]:
        return starts
    return tuple(month_starts(after, len(starts)))


def changed_months(before: pl.DataFrame, after: pl.DataFrame) -> frozenset[date]:
    """The months in which two frames of facts rows (the changed children's, before and after)
    differ in what is aggregated, as multisets of rows."""
    columns = [c for c in AGGREGATED if c in before.columns]
    signed = pl.concat(
        [
            before.select(columns).with_columns(pl.lit(1).alias("_n")),
            after.select(columns).with_columns(pl.lit(-1).alias("_n")),
        ],
        how="vertical_relaxed",
    )
    differ = signed.group_by(columns).agg(pl.col("_n").sum()).filter(pl.col("_n") != 0)
    return frozenset(differ["date"].dt.truncate("1mo").drop_nulls().to_list())


def move_stock_windows(previous, engine, months: dict, before: date, after: date) -> None:
    """Each kept or spliced stock series of a pack's months moved on to the months it covers now:
    the previous rows of the months still covered, and the new month-ends' facts computed alone.
    A stock series whose aggregate depends on the order of its rows is computed again in full (a
    date's rows may come in another order among other dates): none of its rows is kept."""
    if before.replace(day=1) == after.replace(day=1):
        return
    for key in [k for k in engine._stock_many if k in months]:
        ind_id, ons = key
        starts = tuple(on.replace(day=1) for on in ons)
        if tuple(month_end(s) for s in starts) != ons:
            continue
        now = tuple(month_end(s) for s in window(starts, before, after))
        if now == ons or (ind_id, now) in engine._stock_many:
            continue
        added = tuple(on for on in now if on not in ons)
        ind = engine.registry[ind_id]
        if not order_free(ind, engine._stock_many[key]):
            del months[key], engine._stock_many[key]
            engine.reads.pop(key, None)
            engine.read_reference.discard(key)
            continue
        fresh = engine._stock_series(ind, added)
        old = engine._stock_many[key]
        combined = pl.concat(
            [old.filter(pl.col("date").is_in(list(now))), fresh.select(old.columns)], how="vertical_relaxed"
        )
        side = (ind_id, added)
        if combined.schema == old.schema:
            engine._stock_many[(ind_id, now)] = combined
            engine.reads[(ind_id, now)] = engine.reads.get(key, frozenset()) | engine.reads[side]
            if key in engine.read_reference or side in engine.read_reference:
                engine.read_reference.add((ind_id, now))
            months[(ind_id, now)] = months[key] | {on.replace(day=1) for on in added}
        for gone in (side, key):
            engine._stock_many.pop(gone, None)
            engine.reads.pop(gone, None)
            engine.read_reference.discard(gone)


def keep_pack_rows(previous, engine, months: dict) -> None:
    """For each previous pack, the months of each indicator whose rows still hold (`_reusable`)."""
    for (starts, levels), pack in previous._packs.items():
        if pack.is_empty():
            continue
        ons = tuple(month_end(s) for s in starts)
        valid = {}
        for ind in engine.registry:
            key = ind.id if ind.kind == "flow" else (ind.id, ons)
            if ind.aggregate != "yoy" and key in months:
                valid[ind.id] = frozenset(starts) - months[key]
        valid = {i: m for i, m in valid.items() if m}
        if valid:
            engine._reusable.append((levels, pack, valid))
