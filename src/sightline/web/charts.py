"""Plotly figures as JSON; the page draws them with the locally served plotly.min.js.

The figure is written as Plotly's JSON schema directly (data traces and a layout) rather than
through `plotly.graph_objects`, whose validation costs ~15 ms a chart: the dashboard draws ten.
Every chart on a page also has its numbers in a table, so nothing depends on JavaScript.
"""

from __future__ import annotations

import json

# No red: red reads as "bad", and a line's colour says nothing about whether it is good.
GOVUK_COLOURS = ["#1d70b8", "#505a5f", "#4c2c92", "#00703c", "#f47738"]
FONT = {"family": "Arial, sans-serif", "size": 14}


def line_chart(
    x: list,
    series: dict[str, list],
    *,
    title: str,
    y_title: str,
    target: float | None = None,
) -> str:
    """Lines over x, all in one unit on one axis (no second axis: different units are drawn as
    small multiples, `web.small_multiples`)."""
    data = [
        {
            "type": "scatter",
            "x": x,
            "y": values,
            "name": name,
            "mode": "lines+markers",
            "line": {"color": GOVUK_COLOURS[index % len(GOVUK_COLOURS)], "width": 3},
        }
        for index, (name, values) in enumerate(series.items())
    ]
    layout = {
        "title": {"text": title},
        "yaxis": {"title": {"text": y_title}, "gridcolor": "#f3f2f1", "zeroline": False},
        "xaxis": {"gridcolor": "#f3f2f1"},
        "margin": {"l": 50, "r": 20, "t": 50, "b": 60},
        "height": 320,
        "font": FONT,
        "legend": {"orientation": "h", "y": -0.25},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
    }
    if target is not None:
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": target,
                "y1": target,
                "line": {"color": "#0b0c0c", "dash": "dash", "width": 2},
            }
        ]
        layout["annotations"] = [
            {"xref": "paper", "x": 1, "y": target, "text": "Target", "showarrow": False, "yanchor": "bottom"}
        ]
    # Safe inside <script type="application/json">: no "</script>" can close the element early.
    return json.dumps({"data": data, "layout": layout}, default=str).replace("<", "\\u003c")


SPC_COLOURS = {"common": "#a6a6a6", "improvement": "#00b0f0", "concern": "#e46c0a", "neutral": "#490092"}


def xmr_chart(x: list, result, *, title: str, y_title: str) -> str:
    """A Making Data Count XmR chart: the values with special-cause points coloured, the mean,
    the process limits (stepping where a recorded rebase starts new ones) and the target."""
    points = result.points
    colours = [SPC_COLOURS[(p.kind or "common").split("_")[0]] for p in points]

    def line(name: str, values: list, dash: str, colour: str) -> dict:
        return {
            "type": "scatter",
            "x": x,
            "y": values,
            "name": name,
            "mode": "lines",
            "line": {"color": colour, "dash": dash, "width": 2, "shape": "hv"},
            "hoverinfo": "skip",
        }

    data = [
        line("Upper process limit", [p.upper for p in points], "dot", "#505a5f"),
        line("Mean", [p.mean for p in points], "solid", "#0b0c0c"),
        line("Lower process limit", [p.lower for p in points], "dot", "#505a5f"),
        {
            "type": "scatter",
            "x": x,
            "y": [p.value for p in points],
            "name": "Value",
            "mode": "lines+markers",
            "line": {"color": "#a6a6a6", "width": 2},
            "marker": {"color": colours, "size": 9, "line": {"color": "#0b0c0c", "width": 0.5}},
        },
    ]
    if result.target is not None:
        data.append(line("Target", [result.target] * len(points), "dash", "#d4351c"))
    layout = {
        "title": {"text": title},
        "yaxis": {"title": {"text": y_title}, "gridcolor": "#f3f2f1", "zeroline": False},
        "xaxis": {"gridcolor": "#f3f2f1"},
        "margin": {"l": 50, "r": 20, "t": 50, "b": 60},
        "height": 340,
        "font": FONT,
        "legend": {"orientation": "h", "y": -0.25},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
    }
    return json.dumps({"data": data, "layout": layout}, default=str).replace("<", "\\u003c")
