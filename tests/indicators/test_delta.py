"""The refresh's declarations hold: what a module says its facts come from is what they come from
(checked on a synthetic council), and a refresh keeps nothing it cannot vouch for."""

from __future__ import annotations

import random
from dataclasses import replace

import polars as pl
import pytest

from sightline.generator import CouncilSpec, generate
from sightline.indicators import delta
from sightline.indicators.definitions import REGISTRY
from sightline.indicators.engine import Engine
from sightline.indicators.frames import Frames
from sightline.indicators.periods import month_end, month_starts
from sightline.indicators.registry import EACH_CHILD, WORKFORCE


@pytest.fixture(scope="module")
def frames() -> Frames:
    return Frames.from_dataset(generate(CouncilSpec(seed=13, size=0.04)))


def _facts(engine: Engine, ind) -> pl.DataFrame:
    if ind.kind == "flow":
        return engine._flow_facts(ind)
    ons = tuple(month_end(s) for s in month_starts(engine.frames.reference_date, 24))
    return engine._stock_series(ind, ons)


def _rows(frame: pl.DataFrame) -> pl.DataFrame:
    columns = [c for c, dtype in frame.schema.items() if not isinstance(dtype, pl.List)]
    return frame.sort(columns, nulls_last=True)


def _declared(source: str) -> list:
    return [i for i in REGISTRY if i.aggregate != "yoy" and delta.facts_from(i) == source]


def test_each_childs_facts_come_from_that_childs_records_alone(frames):
    children = set(random.Random(5).sample(frames["child"]["id"].to_list(), 60))
    full, part = Engine(frames), Engine(delta._only(frames, children))
    theirs = pl.col("child_id").is_in(sorted(children))
    declared = _declared(EACH_CHILD)
    assert len(declared) > 60
    reached = 0
    for ind in declared:
        whole, only = _facts(full, ind), _facts(part, ind)
        assert _rows(whole.filter(theirs)).equals(_rows(only.filter(theirs))), ind.id
        nobody = pl.col("child_id").is_null()
        assert _rows(whole.filter(nobody)).equals(_rows(only.filter(nobody))), ind.id
        reached += whole.filter(theirs).height > 0
    assert reached > len(declared) // 2  # most have facts of these children, so it means something


def test_the_workforce_facts_read_no_childs_records(frames):
    declared = _declared(WORKFORCE)
    assert len(declared) >= 8
    full, nobody = Engine(frames), Engine(delta._only(frames, set()))
    for ind in declared:
        whole = _facts(full, ind)
        assert whole.height and _rows(whole).equals(_rows(_facts(nobody, ind))), ind.id


def test_a_settings_change_keeps_nothing(frames):
    previous = Engine(frames)
    previous.pack(frames.reference_date)
    stricter = replace(previous.standards, decision_working_days=previous.standards.decision_working_days - 1)
    after = delta.refreshed(previous, frames, {int(frames["child"]["id"][0])}, standards=stricter)
    assert not after._reusable and not any(after._flow.get(i) is f for i, f in previous._flow.items())


def test_a_new_reference_date_recomputes_what_reads_it(frames):
    previous = Engine(frames)
    previous.pack(frames.reference_date)
    assert previous.read_reference  # some facts read it (those due by the reference date)
    later = replace(frames, reference_date=frames.reference_date.replace(day=1))
    after = delta.refreshed(previous, later, set())
    for key in previous.read_reference:
        store, before = (
            (after._flow, previous._flow)
            if isinstance(key, str)
            else (after._stock_many, previous._stock_many)
        )
        assert store.get(key) is not before[key], key
    assert after._reusable  # the others' pack rows were kept
    cold = Engine(later).pack(later.reference_date)
    keys = ["indicator_id", "level", "unit_id", "month"]
    assert (
        after.pack(later.reference_date).sort(keys, nulls_last=True).equals(cold.sort(keys, nulls_last=True))
    )


def test_the_frames_noted_as_read_are_all_a_facts_frame_reads(frames):
    """A refresh keeps the facts that read no touched frame, so the engine's note of what each read
    must miss nothing: with every other frame naming a child emptied, the facts are the same."""
    full = Engine(frames)
    full.pack(frames.reference_date)
    keys = [(k, full._flow) for k in full._flow] + [(k, full._stock_many) for k in full._stock_many]
    by_reads: dict = {}
    for key, store in keys:
        by_reads.setdefault(full.reads[key], []).append((key, store))
    assert len(by_reads) > 10 and all(full.reads[k] for k, _ in keys)
    for reads, items in by_reads.items():
        tables = {
            name: frame.clear() if delta.child_column(name, frame) and name not in reads else frame
            for name, frame in frames.tables.items()
        }
        assert any(t.is_empty() and not frames[n].is_empty() for n, t in tables.items()), reads
        narrow = Engine(replace(frames, tables=tables))
        for key, store in items:
            ind = REGISTRY[key if isinstance(key, str) else key[0]]
            alone = narrow._flow_facts(ind) if store is full._flow else narrow._stock_series(ind, key[1])
            assert _rows(alone).equals(_rows(store[key])), (ind.id, sorted(reads))


def test_a_touched_frame_is_one_whose_changed_childrens_rows_differ(frames):
    child = int(frames["visit"]["child_id"][0])
    visits = frames["visit"].with_columns(
        pl.when(pl.col("child_id") == child)
        .then(pl.col("visit_date") - pl.duration(days=1))
        .otherwise(pl.col("visit_date"))
        .alias("visit_date")
    )
    later = replace(frames, tables={**frames.tables, "visit": visits})
    assert delta.touched_frames(frames, later, {child}) == {"visit"}
    assert delta.touched_frames(frames, later, {child + 10_000}) == set()
    previous = Engine(frames)
    previous.pack(frames.reference_date)
    after = delta.refreshed(previous, later, {child})
    # What reads no visit kept its facts (whatever its module says it comes from); only what reads
    # them was looked at again.
    reading = {k if isinstance(k, str) else k[0] for k, reads in previous.reads.items() if "visit" in reads}
    assert after.refresh["spliced"] and after.refresh["spliced"] <= reading
    assert all(after._flow[k] is f for k, f in previous._flow.items() if "visit" not in previous.reads[k])
    assert "caseload_per_fte" in after.refresh["kept"]  # caseloads read no visit
    keys = ["indicator_id", "level", "unit_id", "month"]
    cold = Engine(later).pack(later.reference_date).sort(keys, nulls_last=True)
    assert after.pack(later.reference_date).sort(keys, nulls_last=True).equals(cold)
