"""XmR charts by NHS England's "Making Data Count" rules (NHSRplotthedots' reading of them).

Limits are the segment's mean ± 2.66 x its mean moving range. A point is special cause when it
is outside the limits, part of a run of 7 (or 6) on one side of the mean (shift) or of 7 (or 6)
rising or falling (trend), or one of two in three consecutive points beyond two-thirds of the
way to a limit with all three on the same side (two of three). Polarity turns the direction of
a signal into improvement or concern; a target outside the latest limits is consistently met
or missed, one between them hit and miss. Limits are recalculated only where a person has
recorded a date with a reason (MDC: never automatically); a segment under 12 points has trial
limits.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

LIMIT = 2.66  # 3 sigma for individuals: 3 / d2 (1.128)
NEAR = 2 * LIMIT / 3  # two-thirds of the way to a limit
SCREEN = 3.267  # moving ranges above this many times their mean are screened out (D4 for n=2)
TRIAL_POINTS = 12  # fewer points than this in a segment: trial limits
RUN_LENGTHS = (6, 7)  # MDC's Excel tool offers either for shifts and trends; 7 by default

OUTSIDE, SHIFT, TREND, TWO_OF_THREE = "outside", "shift", "trend", "two_of_three"
SIGNALS = (OUTSIDE, SHIFT, TREND, TWO_OF_THREE)
_PRIORITY = (OUTSIDE, TREND, TWO_OF_THREE, SHIFT)  # which signal gives a point its direction

UP, DOWN, NEUTRAL = "up", "down", "neutral"
_POLARITIES = {"up": UP, "higher": UP, "increase": UP, "down": DOWN, "lower": DOWN, "decrease": DOWN}

VARIATION_LABELS = {
    "common_cause": "Common cause variation: no significant change",
    "improvement_high": "Special cause variation: improvement (higher values)",
    "improvement_low": "Special cause variation: improvement (lower values)",
    "concern_high": "Special cause variation: concern (higher values)",
    "concern_low": "Special cause variation: concern (lower values)",
    "neutral_high": "Special cause variation: higher values, neither improvement nor concern",
    "neutral_low": "Special cause variation: lower values, neither improvement nor concern",
}
ASSURANCE_LABELS = {
    "pass": "The target will consistently be met",
    "fail": "The target will consistently be missed",
    "hit_and_miss": "Hit and miss: the target will be met some months and missed in others",
}
_EPSILON = 1e-9


def polarity_of(text: str | None) -> str:
    """up, down or neutral from how a caller says it (the engine's higher/lower, None)."""
    if text is None or text == "" or text == NEUTRAL:
        return NEUTRAL
    try:
        return _POLARITIES[str(text).lower()]
    except KeyError:
        raise ValueError(f"polarity is up (higher is better), down or neutral, not {text!r}") from None


@dataclass(frozen=True)
class Rebase:
    """A date from which the limits are recalculated, recorded by a person with the reason."""

    on: date
    reason: str


@dataclass(frozen=True)
class Segment:
    start: date
    end: date
    points: int  # points with a value
    mean: float | None
    lower: float | None
    upper: float | None
    mean_moving_range: float | None
    reason: str = ""  # why the limits were recalculated here (empty for the first)

    @property
    def trial(self) -> bool:
        return self.points < TRIAL_POINTS


@dataclass(frozen=True)
class Point:
    date: date
    value: float | None
    mean: float | None
    lower: float | None
    upper: float | None
    signals: tuple[str, ...] = ()
    kind: str | None = None  # a VARIATION_LABELS key; None for a gap or a segment without limits
    segment: int = 0

    @property
    def special(self) -> bool:
        return bool(self.signals)


@dataclass(frozen=True)
class Result:
    points: tuple[Point, ...]
    segments: tuple[Segment, ...]
    polarity: str
    target: float | None
    variation: str | None  # the latest point's kind (the MDC variation icon)
    assurance: str | None  # pass | fail | hit_and_miss | None (no target, neutral, no limits)
    warnings: tuple[str, ...] = ()
    run_length: int = 7
    screened: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def latest(self) -> Point | None:
        valued = [p for p in self.points if p.value is not None]
        return valued[-1] if valued else None

    @property
    def concern(self) -> bool:
        return bool(self.variation and self.variation.startswith("concern"))

    @property
    def improvement(self) -> bool:
        return bool(self.variation and self.variation.startswith("improvement"))

    def as_dict(self) -> dict:
        return {
            "polarity": self.polarity,
            "target": self.target,
            "run_length": self.run_length,
            "screen_outliers": self.screened,
            "variation": self.variation,
            "variation_label": VARIATION_LABELS.get(self.variation or ""),
            "assurance": self.assurance,
            "assurance_label": ASSURANCE_LABELS.get(self.assurance or ""),
            "warnings": list(self.warnings),
            "segments": [
                {
                    "start": s.start.isoformat(),
                    "end": s.end.isoformat(),
                    "points": s.points,
                    "mean": s.mean,
                    "lower": s.lower,
                    "upper": s.upper,
                    "trial_limits": s.trial,
                    "reason": s.reason,
                }
                for s in self.segments
            ],
            "points": [
                {
                    "date": p.date.isoformat(),
                    "value": p.value,
                    "mean": p.mean,
                    "lower": p.lower,
                    "upper": p.upper,
                    "signals": list(p.signals),
                    "kind": p.kind,
                }
                for p in self.points
            ],
        }


def analyse(
    dates: Sequence[date],
    values: Sequence[float | None],
    *,
    polarity: str | None = NEUTRAL,
    target: float | None = None,
    run_length: int = 7,
    screen_outliers: bool = False,
    rebases: Iterable[Rebase] = (),
) -> Result:
    """The XmR analysis of a series: one value (or None for a gap) per date, oldest first."""
    direction = polarity_of(polarity)
    _check(dates, values, run_length)
    starts = _segment_starts(dates, list(rebases))
    points: list[Point] = []
    segments: list[Segment] = []
    for number, (begin, end, reason) in enumerate(_bounds(starts, len(dates))):
        segment, seg_points = _segment(
            dates[begin:end], values[begin:end], reason, number, direction, run_length, screen_outliers
        )
        segments.append(segment)
        points.extend(seg_points)
    latest = next((p for p in reversed(points) if p.value is not None), None)
    variation = latest.kind if latest else None
    last = segments[-1] if segments else None
    return Result(
        points=tuple(points),
        segments=tuple(segments),
        polarity=direction,
        target=target,
        variation=variation,
        assurance=_assurance(last, target, direction) if variation else None,
        warnings=tuple(_warnings(segments)),
        run_length=run_length,
        screened=screen_outliers,
    )


def _check(dates: Sequence[date], values: Sequence[float | None], run_length: int) -> None:
    if len(dates) != len(values):
        raise ValueError(f"{len(dates)} dates but {len(values)} values")
    if run_length not in RUN_LENGTHS:
        raise ValueError(f"a shift or trend is 6 or 7 points, not {run_length}")
    for before, after in itertools.pairwise(dates):
        if after <= before:
            raise ValueError(f"the dates must be in order, one point each: {after} follows {before}")


def _segment_starts(dates: Sequence[date], rebases: list[Rebase]) -> dict[int, str]:
    """Index of the first point of each segment after the first, with the reason recorded."""
    starts: dict[int, str] = {}
    for rebase in sorted(rebases, key=lambda r: r.on):
        if not (rebase.reason or "").strip():
            raise ValueError(f"the limits recalculated from {rebase.on} need a reason")
        index = next((i for i, d in enumerate(dates) if d >= rebase.on), None)
        if index:  # not before the first point, not after the last
            starts[index] = rebase.reason.strip()
    return starts


def _bounds(starts: dict[int, str], count: int) -> list[tuple[int, int, str]]:
    if not count:
        return []
    edges = [0, *sorted(starts), count]
    return [(edges[i], edges[i + 1], starts.get(edges[i], "")) for i in range(len(edges) - 1)]


def _segment(dates, values, reason, number, direction, run_length, screen):
    present = [float(v) for v in values if v is not None]
    mean = sum(present) / len(present) if present else None
    amr = _mean_moving_range(present, screen)
    limits = (None, None) if amr is None else (mean - LIMIT * amr, mean + LIMIT * amr)
    segment = Segment(dates[0], dates[-1], len(present), mean, *limits, amr, reason)
    if amr is None:
        bare = [
            Point(d, _num(v), mean, None, None, (), None, number) for d, v in zip(dates, values, strict=True)
        ]
        return segment, bare
    found = iter(_signals(present, mean, amr, run_length))
    points = []
    for d, v in zip(dates, values, strict=True):
        if v is None:
            points.append(Point(d, None, mean, *limits, (), None, number))
            continue
        flagged, sign = next(found)
        points.append(Point(d, float(v), mean, *limits, flagged, _kind(flagged, sign, direction), number))
    return segment, points


def _num(value) -> float | None:
    return None if value is None else float(value)


def _mean_moving_range(values: list[float], screen: bool) -> float | None:
    ranges = [abs(b - a) for a, b in itertools.pairwise(values)]
    if not ranges:
        return None
    amr = sum(ranges) / len(ranges)
    if screen and amr > 0:
        kept = [r for r in ranges if r < SCREEN * amr]
        amr = sum(kept) / len(kept)
    return amr


def _side(value: float, mean: float) -> int:
    if abs(value - mean) <= _EPSILON * max(1.0, abs(mean)):
        return 0
    return 1 if value > mean else -1


def _signals(values: list[float], mean: float, amr: float, run: int) -> list[tuple[tuple[str, ...], int]]:
    """Each value's signals (in SIGNALS order) and the direction the strongest gives it."""
    upper, lower = mean + LIMIT * amr, mean - LIMIT * amr
    sides = [_side(v, mean) for v in values]
    outside = [v > upper or v < lower for v in values]
    near = [
        not out and (v > mean + NEAR * amr or v < mean - NEAR * amr)
        for v, out in zip(values, outside, strict=True)
    ]
    marks = {
        OUTSIDE: outside,
        SHIFT: _runs(sides, run),
        TREND: _trends(values, run),
        TWO_OF_THREE: _two_of_three(near, sides),
    }
    rising = _trend_directions(values, marks[TREND])
    out = []
    for i in range(len(values)):
        flagged = tuple(s for s in SIGNALS if marks[s][i])
        strongest = next((s for s in _PRIORITY if marks[s][i]), None)
        out.append((flagged, rising[i] if strongest == TREND else (sides[i] if strongest else 0)))
    return out


def _kind(flagged: tuple[str, ...], sign: int, direction: str) -> str:
    if not flagged or not sign:
        return "common_cause"
    height = "high" if sign > 0 else "low"
    if direction == NEUTRAL:
        return f"neutral_{height}"
    better = (sign > 0) == (direction == UP)
    return f"{'improvement' if better else 'concern'}_{height}"


def _runs(sides: list[int], run: int) -> list[bool]:
    """Points in a run of `run` or more on the same side of the mean (a point on the mean breaks it)."""
    marked = [False] * len(sides)
    for end in range(run - 1, len(sides)):
        window = sides[end - run + 1 : end + 1]
        if window[0] != 0 and all(s == window[0] for s in window):
            marked[end - run + 1 : end + 1] = [True] * run
    return marked


def _trends(values: list[float], run: int) -> list[bool]:
    """Points in a run of `run` or more each higher (or each lower) than the one before."""
    steps = [(b > a) - (b < a) for a, b in itertools.pairwise(values)]
    marked = [False] * len(values)
    for end in range(run - 1, len(values)):
        window = steps[end - run + 1 : end]
        if window[0] != 0 and all(s == window[0] for s in window):
            marked[end - run + 1 : end + 1] = [True] * run
    return marked


def _trend_directions(values: list[float], trend: list[bool]) -> list[int]:
    """A trend point's direction: towards the next point when that is in a trend too, else from the
    one before (so the turning point between a rise and a fall takes the fall, as NHSRplotthedots)."""
    out = []
    for i, marked in enumerate(trend):
        if not marked:
            out.append(0)
        elif i + 1 < len(values) and trend[i + 1]:
            out.append((values[i + 1] > values[i]) - (values[i + 1] < values[i]))
        else:
            out.append((values[i] > values[i - 1]) - (values[i] < values[i - 1]))
    return out


def _two_of_three(near: list[bool], sides: list[int]) -> list[bool]:
    """Near-limit points that are two (or three) of three consecutive points on one side of the mean."""
    marked = [False] * len(near)
    for start in range(len(near) - 2):
        window = range(start, start + 3)
        if sum(near[i] for i in window) >= 2 and abs(sum(sides[i] for i in window)) == 3:
            for i in window:
                marked[i] = marked[i] or near[i]
    return marked


def _assurance(segment: Segment | None, target: float | None, direction: str) -> str | None:
    if segment is None or target is None or direction == NEUTRAL or segment.upper is None:
        return None
    if target > segment.upper:
        return "fail" if direction == UP else "pass"
    if target < segment.lower:
        return "pass" if direction == UP else "fail"
    return "hit_and_miss"


def _warnings(segments: list[Segment]) -> list[str]:
    out = []
    for segment in segments:
        if segment.upper is None:
            out.append(
                f"Too few points from {segment.start:%B %Y} to calculate limits (at least 2 are needed)."
            )
        elif segment.trial:
            out.append(
                f"Trial limits: the limits from {segment.start:%B %Y} rest on {segment.points} points "
                f"(fewer than {TRIAL_POINTS}); treat signals as provisional."
            )
    return out
