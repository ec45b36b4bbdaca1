"""The month grid's days and the agenda's, written in Python.

A month of 100 events drawn through the template engine, each twice (in its day's cell
and in the phone's agenda), was most of the calendar page's time (issue 16); the same
HTML written here costs a fraction. `calendar/tests/test_month_html.py` holds it.
"""

from html import escape

from django import template
from django.utils import formats
from django.utils.safestring import mark_safe

from jumelage.core.html import format_html

register = template.Library()


def _events(events, css="") -> str:
    items = "".join(map(_item, events))
    return mark_safe(f'<ul class="{css}">{items}</ul>' if css else f"<ul>{items}</ul>")  # noqa: S308


def _item(event) -> str:
    """An event's list item, written once for its two places (its days' cells, the agenda)
    and for each day it spans."""
    item = event.__dict__.get("_item")
    if item is None:
        item = event._item = (
            f'<li><a href="{escape(event.url)}"><time datetime="{escape(event.start_iso)}">'
            f"{escape(event.start_clock)}</time> {escape(event.title)}</a></li>"
        )
    return item


@register.simple_tag
def month_weeks(weeks, today, first):
    """The grid's rows: a cell per day, today marked, the days of other months muted."""
    rows = []
    for week in weeks:
        cells = []
        for day, events in week:
            cells.append(
                format_html(
                    '<td{}{}><span class="day-number">{}</span>{}</td>',
                    mark_safe(' aria-current="date"') if day == today else "",
                    mark_safe(' class="muted"') if day.month != first.month else "",
                    day.day,
                    _events(events, "day-events") if events else "",
                )
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return mark_safe("\n".join(rows))  # noqa: S308 (built by format_html)


@register.simple_tag
def agenda_days(agenda, today):
    """The agenda's days that have events, each with its date in the reader's language."""
    return mark_safe(  # noqa: S308 (built by format_html)
        "\n".join(
            format_html(
                '<li{}><h3><time datetime="{}">{}</time></h3>{}</li>',
                mark_safe(' aria-current="date"') if day == today else "",
                day.isoformat(),
                formats.date_format(day, "l j F"),
                _events(events),
            )
            for day, events in agenda
        )
    )
