"""The partner search's result cards, written in Python.

Twenty cards through the template engine (schools, subjects, languages, ages, requests
and a link each) were most of the search page's time (issue 16); the same cards written
here cost a fraction. `partners/tests/test_result_cards.py` holds them to what they show.
"""

from django import template
from django.template.defaultfilters import truncatewords
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from jumelage.core.html import conditional_escape, format_html, format_html_join
from jumelage.core.reversing import ROW, fixed_url
from jumelage.schools.models import School

register = template.Library()


def _names(label: str, items) -> str:
    """<p><strong>Label</strong> a, b, c</p>, or nothing for no item."""
    if not items:
        return ""
    names = format_html_join(", ", "{}", ((item.name,) for item in items))
    return format_html("<p><strong>{}</strong> {}</p>", label, names)


def _write_to(text: str, teacher) -> str:
    """ "Write to <name>" as `{% blocktranslate %}` writes it: the catalogue's `text`
    ("Write to %(name)s", translated once per page) as it is, the name escaped."""
    return mark_safe(text % {"name": conditional_escape(teacher.display_name)})  # noqa: S308


@register.simple_tag(takes_context=True)
def partner_cards(context, teachers):
    """One card per teacher (suggestions.load_teachers prefetched what it shows)."""
    reader = context["request"].user
    # As {% translate %}: the catalogue's text as it is (an apostrophe stays one).
    words = {
        key: mark_safe(gettext(text))  # noqa: S308 (the catalogue's text)
        for key, text in (
            ("subjects", "Subjects:"),
            ("languages", "Languages:"),
            ("ages", "Pupils' ages:"),
            ("email", "Email:"),
            ("looking", "Looking for a partner:"),
        )
    }
    # Django's get_level_display, each label translated once per page.
    levels = {value: str(label) for value, label in School.Level.choices}
    write_to = gettext("Write to %(name)s")
    compose = reverse("messaging:compose")
    request_url = fixed_url("partners:request_detail", pk=ROW)
    cards = []
    for teacher in teachers:
        profile = teacher.teacher_profile
        parts = [format_html("<li>\n<h3>{}</h3>\n", teacher.display_name)]
        parts.append(
            format_html(
                '<ul class="muted">{}</ul>\n',
                format_html_join(
                    "",
                    "<li>{}, {} ({}) — {}</li>",
                    (
                        (
                            m.school.name,
                            m.school.town,
                            m.school.country.name,
                            levels.get(m.school.level, m.school.level),
                        )
                        for m in teacher.school_memberships.all()
                    ),
                ),
            )
        )
        parts.append(_names(words["subjects"], profile.subject_list))
        parts.append(_names(words["languages"], profile.language_list))
        parts.append(_names(words["ages"], profile.age_list))
        if profile.presentation:
            parts.append(format_html("<p>{}</p>", truncatewords(profile.presentation, 40)))
        if profile.email_visible:
            parts.append(
                format_html(
                    '<p><strong>{}</strong> <a href="mailto:{}">{}</a></p>',
                    words["email"],
                    teacher.email,
                    teacher.email,
                )
            )
        if teacher.open_requests:
            parts.append(
                format_html(
                    "<p><strong>{}</strong></p><ul>{}</ul>",
                    words["looking"],
                    format_html_join(
                        "",
                        '<li><a href="{}">{}</a></li>',
                        ((request_url.format(r.pk), r.title) for r in teacher.open_requests),
                    ),
                )
            )
        if teacher.pk != reader.pk:
            parts.append(
                format_html(
                    '<p><a class="button" href="{}?to={}">{}</a></p>',
                    compose,
                    teacher.pk,
                    _write_to(write_to, teacher),
                )
            )
        parts.append("</li>")
        cards.append("".join(parts))
    return mark_safe("\n".join(cards))  # noqa: S308 (each part built by format_html)


@register.simple_tag
def suggestion_items(suggestions):
    """The suggested partners (partners.suggestions.Suggestion), as partners/_suggestions.html
    wrote them with a loop, two `{% blocktranslate %}` and a `{% url %}` each (the
    dashboard's dearest panel)."""
    compose = reverse("messaging:compose")
    write_to = gettext("Write to %(name)s")
    items = []
    for suggestion in suggestions:
        teacher = suggestion.teacher
        schools = format_html_join(
            "",
            ", {} ({})",
            ((m.school.name, m.school.country.name) for m in teacher.school_memberships.all()),
        )
        # As {% blocktranslate %}: the values escaped, the translation as it is.
        score = ngettext("score %(score)s point", "score %(score)s points", suggestion.score) % {
            "score": conditional_escape(localize(suggestion.score))
        }
        items.append(
            format_html(
                "\n  <li>\n    <strong>{}</strong>{}\n    — {}\n"
                '    <ul class="reasons">{}</ul>\n'
                '    <a href="{}?to={}">{}</a>\n  </li>\n  ',
                teacher.display_name,
                schools,
                mark_safe(score),  # noqa: S308 (the catalogue's text, the number escaped)
                format_html_join("", "<li>{}</li>", ((reason,) for reason in suggestion.reasons)),
                compose,
                teacher.pk,
                _write_to(write_to, teacher),
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - built by format_html
