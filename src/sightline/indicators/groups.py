"""Which group of children a fact belongs to: ethnicity, sex, age band, disability, UASC.

Each breakdown is an expression over a fact frame joined to the child's own fields, giving a
group key; its groups come in a fixed order with the labels councils use. Age is taken on the
fact's date: the event for a flow indicator, the as-at date for a stock one.
"""

from __future__ import annotations

import polars as pl

from sightline.domain.codes import AGE_BAND, ETHNIC_GROUP, ETHNIC_GROUP_OF, ETHNICITY, SEX

UNBORN = "UNBORN"
BREAKDOWNS: dict[str, str] = {
    "ethnicity": "Ethnicity",
    "ethnicity_minor": "Ethnicity (detailed)",
    "sex": "Sex",
    "age": "Age band",
    "disability": "Disability",
    "uasc": "Unaccompanied asylum-seeking",
}


def _age_bands() -> list[tuple[str, str]]:
    return [(str(start), label) for start, label in AGE_BAND] + [(UNBORN, "Unborn or age not known")]


GROUPS: dict[str, list[tuple[str, str]]] = {
    "ethnicity": ETHNIC_GROUP,
    "ethnicity_minor": [*ETHNICITY],
    "sex": SEX,
    "age": _age_bands(),
    "disability": [("DISABLED", "Disability recorded"), ("NONE", "No disability recorded")],
    "uasc": [("UASC", "Unaccompanied asylum-seeking"), ("NOT_UASC", "Not unaccompanied asylum-seeking")],
}


def check(by: str) -> None:
    if by not in BREAKDOWNS:
        raise ValueError(f"Unknown breakdown {by!r}; use one of {', '.join(BREAKDOWNS)}.")


def labels(by: str) -> dict[str, str]:
    check(by)
    return dict(GROUPS[by])


def child_attributes(child: pl.DataFrame) -> pl.DataFrame:
    """The child's fields a breakdown needs, keyed by child_id, with every gap given a group."""
    return child.select(
        pl.col("id").alias("child_id"),
        pl.col("date_of_birth").alias("_dob"),
        pl.col("ethnicity").fill_null("NOBT").replace("", "NOBT").alias("_ethnicity_minor"),
        pl.col("ethnicity")
        .replace_strict(ETHNIC_GROUP_OF, default="UNKNOWN", return_dtype=pl.Utf8)
        .alias("_ethnicity"),
        pl.col("sex").fill_null("U").replace("", "U").alias("_sex"),
        pl.when(pl.col("disabilities").list.eval(pl.element() != "NONE").list.any())
        .then(pl.lit("DISABLED"))
        .otherwise(pl.lit("NONE"))
        .alias("_disability"),
        pl.when(pl.col("uasc").fill_null(False))
        .then(pl.lit("UASC"))
        .otherwise(pl.lit("NOT_UASC"))
        .alias("_uasc"),
    )


def age_band(day: pl.Expr, dob: pl.Expr) -> pl.Expr:
    """The DfE age band on `day` of a child born on `dob` (unborn or not known: UNBORN)."""

    def month_day(d: pl.Expr) -> pl.Expr:
        return d.dt.month().cast(pl.Int32) * 100 + d.dt.day().cast(pl.Int32)

    years = (day.dt.year() - dob.dt.year()) - (month_day(day) < month_day(dob)).cast(pl.Int32)
    expr = pl.when(dob.is_null() | (dob > day)).then(pl.lit(UNBORN))
    for start, _label in reversed(AGE_BAND):
        expr = expr.when(years >= start).then(pl.lit(str(start)))
    return expr.otherwise(pl.lit(UNBORN))


def dense(attributes: pl.DataFrame) -> pl.DataFrame:
    """The attributes with row i holding child i (ids are the records' keys, small and dense), so
    a fact's child is found by position rather than a join; row 0 and gaps are empty."""
    size = int(attributes["child_id"].max() or 0) + 1
    frame = pl.DataFrame({"child_id": pl.arange(0, size, eager=True).cast(pl.Int64)})
    return frame.join(attributes, on="child_id", how="left", maintain_order="left").drop("child_id")


def with_groups(facts: pl.DataFrame, table: pl.DataFrame) -> pl.DataFrame:
    """The facts with every breakdown's group as a column `_<by>` (facts without a child: not known).

    `table` is `dense(child_attributes(...))`.
    """
    child = pl.col("child_id")
    index = facts.select(pl.when(child.is_between(1, table.height - 1)).then(child).otherwise(0))
    frame = pl.concat([facts, table[index.to_series()]], how="horizontal")
    fallback = {"ethnicity": "UNKNOWN", "ethnicity_minor": "NOBT", "sex": "U", "disability": "NONE"}
    return frame.with_columns(
        age_band(pl.col("date"), pl.col("_dob")).alias("_age"),
        *(pl.col(f"_{by}").fill_null(fallback.get(by, "NOT_UASC")) for by in BREAKDOWNS if by != "age"),
    )
