"""Bar charts as SVG geometry, drawn by statistics/_chart.html: no script, no library.

Only bars and a value axis: the numbers themselves are in the table beside each
chart, which is what screen readers are pointed to.
"""

import math

WIDTH = 640
MAX_BARS = 30  # horizontal charts show the first 30 rows; the table has them all


def _nice_max(value: float) -> int:
    if value <= 0:
        return 1
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exponent:
            return max(1, int(math.ceil(step * exponent)))
    return int(value)  # pragma: no cover


def bar_chart(title, labels, series, *, horizontal=False) -> dict:
    """`series`: [(name, [value per label])]. Returns what the template draws."""
    if horizontal:
        return _horizontal(title, labels[:MAX_BARS], [(n, v[:MAX_BARS]) for n, v in series])
    return _vertical(title, labels, series)


def _vertical(title, labels, series) -> dict:
    left, right, top, bottom, height = 56, 8, 12, 36, 240
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    top_value = _nice_max(max((max(v, default=0) for _n, v in series), default=0))
    count = max(len(labels), 1)
    group = plot_w / count
    bar = group * 0.8 / max(len(series), 1)
    bars = []
    for s, (name, values) in enumerate(series):
        for i, value in enumerate(values):
            h = plot_h * value / top_value
            bars.append(
                {
                    "x": round(left + i * group + group * 0.1 + s * bar, 2),
                    "y": round(top + plot_h - h, 2),
                    "w": round(max(bar - 1, 1), 2),
                    "h": round(h, 2),
                    "css": f"bar-{s % 4}",
                    "title": f"{labels[i]} — {name}: {value}",
                }
            )
    every = max(1, math.ceil(len(labels) / 8))
    xlabels = [
        {"x": round(left + i * group + group / 2, 2), "y": height - bottom + 16, "text": label}
        for i, label in enumerate(labels)
        if i % every == 0
    ]
    ticks = [
        {"y": round(top + plot_h - plot_h * f, 2), "text": f"{round(top_value * f):,}"}
        for f in (0, 0.5, 1)
    ]
    return {
        "title": title,
        "width": WIDTH,
        "height": height,
        "left": left,
        "right": WIDTH - right,
        "bars": bars,
        "xlabels": xlabels,
        "ticks": ticks,
        "legend": [{"name": n, "css": f"bar-{s % 4}"} for s, (n, _v) in enumerate(series)],
    }


def _horizontal(title, labels, series) -> dict:
    left, right, top, row = 200, 64, 8, 22
    height = top * 2 + row * max(len(labels), 1)
    plot_w = WIDTH - left - right
    values = series[0][1] if series else []
    top_value = _nice_max(max(values, default=0))
    bars = []
    for i, value in enumerate(values):
        w = plot_w * value / top_value
        label = labels[i]
        bars.append(
            {
                "x": left,
                "y": top + i * row + 3,
                "w": round(w, 2),
                "h": row - 6,
                "css": "bar-0",
                "title": f"{label}: {value}",
                "label": label if len(label) <= 28 else label[:27] + "…",
                "label_y": top + i * row + row / 2 + 4,
                "value": f"{value:,}",
                "value_x": round(left + w + 4, 2),
            }
        )
    return {
        "title": title,
        "width": WIDTH,
        "height": height,
        "left": left,
        "horizontal": True,
        "bars": bars,
        "legend": [],
    }
