"""web.indicators.memoised keeps the parts used last when full, not none (#18 goal 3)."""

from sightline.web import indicators


def _builds(monkeypatch):
    engine = object()
    monkeypatch.setattr(indicators.perf, "engine", lambda: engine)
    monkeypatch.setattr(indicators, "_memo", {"engine": None, "items": {}})
    built = []

    def part(key):
        return indicators.memoised(("part", key), lambda: built.append(key) or key)

    return built, part


def test_a_full_memo_drops_the_part_used_longest_ago(monkeypatch):
    built, part = _builds(monkeypatch)
    for key in range(indicators.MEMO_MAX):
        part(key)
    part(0)  # used again: now the newest
    part("odd date")  # one more than fits
    kept = {key for _, key in indicators._memo["items"]}
    # Only key 1 (the one used longest ago) was dropped; a memo emptied when full keeps one.
    assert kept == {0, "odd date", *range(2, indicators.MEMO_MAX)}
    built.clear()
    part(0), part(2), part("odd date")
    assert built == []


def test_a_new_engine_starts_afresh(monkeypatch):
    built, part = _builds(monkeypatch)
    part("a")
    monkeypatch.setattr(indicators.perf, "engine", lambda: object())
    part("a")
    assert built == ["a", "a"]
