"""Bar charts as SVG markup, written here: no script, no library.

Only bars and a value axis: the numbers themselves are in the table beside each
chart, which is what screen readers are pointed to. The markup is built in Python
(not in a template) so that coordinates are never localised ("12,5" in French) and a
page of a dozen charts stays cheap to render.
"""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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


def _n(value) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def svg(chart: dict, slug: str) -> str:
    """The <svg> element of a chart from bar_chart(); `slug` makes its ids unique."""
    e = escape
    parts = [
        f'<svg viewBox="0 0 {chart["width"]} {chart["height"]}" role="img" '
        f'aria-labelledby="{e(slug)}-chart-title" aria-describedby="{e(slug)}-chart-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{e(slug)}-chart-title">{e(chart["title"])}</title>',
        f'<desc id="{e(slug)}-chart-desc">'
        f"{e(_('The numbers are in the table beside the chart.'))}</desc>",
    ]
    for tick in chart.get("ticks", ()):
        parts.append(
            f'<line class="grid" x1="{chart["left"]}" x2="{chart["right"]}" '
            f'y1="{_n(tick["y"])}" y2="{_n(tick["y"])}"/>'
            f'<text class="tick" x="{chart["left"] - 4}" y="{_n(tick["y"])}" '
            f'text-anchor="end" dominant-baseline="middle">{e(tick["text"])}</text>'
        )
    for bar in chart["bars"]:
        parts.append(
            f'<rect class="{bar["css"]}" x="{_n(bar["x"])}" y="{_n(bar["y"])}" '
            f'width="{_n(bar["w"])}" height="{_n(bar["h"])}"><title>{e(bar["title"])}</title></rect>'
        )
        if chart.get("horizontal"):
            parts.append(
                f'<text class="label" x="{chart["left"] - 6}" y="{_n(bar["label_y"])}" '
                f'text-anchor="end">{e(bar["label"])}</text>'
                f'<text class="value" x="{_n(bar["value_x"])}" y="{_n(bar["label_y"])}">'
                f"{e(bar['value'])}</text>"
            )
    for label in chart.get("xlabels", ()):
        parts.append(
            f'<text class="label" x="{_n(label["x"])}" y="{_n(label["y"])}" '
            f'text-anchor="middle">{e(label["text"])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
