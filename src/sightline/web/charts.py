"""Plotly figures serialised to JSON; the page draws them with the locally served plotly.min.js.

Every chart on a page also has its numbers in a table, so nothing depends on JavaScript.
"""

from __future__ import annotations

import plotly.graph_objects as go

GOVUK_COLOURS = ["#1d70b8", "#505a5f", "#d4351c", "#00703c", "#f47738"]


def line_chart(
    x: list,
    series: dict[str, list],
    *,
    title: str,
    y_title: str,
    target: float | None = None,
    secondary: set[str] = frozenset(),
    y2_title: str | None = None,
) -> str:
    """Lines over x; series named in `secondary` go on a right-hand axis (a second unit)."""
    figure = go.Figure()
    for index, (name, values) in enumerate(series.items()):
        figure.add_trace(
            go.Scatter(
                x=x,
                y=values,
                name=name,
                mode="lines+markers",
                yaxis="y2" if name in secondary else "y",
                line={"color": GOVUK_COLOURS[index % len(GOVUK_COLOURS)], "width": 3},
            )
        )
    if secondary:
        figure.update_layout(yaxis2={"title": y2_title, "overlaying": "y", "side": "right"})
    if target is not None:
        figure.add_hline(y=target, line_dash="dash", line_color="#0b0c0c", annotation_text="Target")
    figure.update_layout(
        template="none",
        title=title,
        yaxis_title=y_title,
        margin={"l": 50, "r": 80 if secondary else 20, "t": 50, "b": 60},
        height=320,
        font={"family": "Arial, sans-serif", "size": 14},
        legend={"orientation": "h", "y": -0.25},
        plot_bgcolor="#ffffff",
    )
    return figure.to_json()
