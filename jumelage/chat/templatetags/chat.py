"""A room's history as HTML, written in Python.

Fifty messages, each with up to four forms, cost about 9 ms through the template engine
(the chat page's heaviest part, issue 16); the same rows written here cost a fraction.
The live messages are drawn by the page's script (chat/static/chat/room.js) with the
same classes and forms.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from jumelage.core.html import format_html, format_html_join

register = template.Library()


@register.simple_tag(takes_context=True)
def chat_messages(context, history, mute_url):
    """Each message of `history` as a list item: author, time, body, and the forms the
    reader may use (approve, delete, mute for a moderator; report for others' messages)."""
    csrf = mark_safe(CsrfTokenNode().render(context))  # noqa: S308 (Django's own input)
    reader = context["user"].pk
    moderator = context.get("moderator")
    texts = {
        "former": gettext("Former member"),
        "pending": gettext("waiting for approval"),
        "approve": gettext("Approve"),
        "confirm": gettext("Delete this message?"),
        "delete": gettext("Delete"),
        "report": gettext("Report"),
    }
    return format_html_join(
        "\n", "{}", ((_row(m, reader, moderator, mute_url, csrf, texts),) for m in history)
    )


def _row(message, reader, moderator, mute_url, csrf, texts):
    pending = message.visibility == "pending"
    forms = []
    if moderator:
        if pending:
            forms.append(
                format_html(
                    '<form method="post" action="{}" class="inline">{}<button type="submit">{}</button></form>',
                    message.approve_url,
                    csrf,
                    texts["approve"],
                )
            )
        forms.append(
            format_html(
                '<form method="post" action="{}" class="inline" data-confirm="{}">{}'
                '<button type="submit">{}</button></form>',
                message.delete_url,
                texts["confirm"],
                csrf,
                texts["delete"],
            )
        )
        if message.author_id and message.author_id != reader:
            forms.append(
                format_html(
                    '<form method="post" action="{}" class="inline">{}'
                    '<input type="hidden" name="user" value="{}"><button type="submit">{}</button></form>',
                    mute_url,
                    csrf,
                    message.author_id,
                    gettext("Mute %(name)s") % {"name": message.author},
                )
            )
    if message.author_id != reader:
        forms.append(
            format_html(
                '<form method="post" action="{}" class="inline">{}'
                '<button type="submit" class="secondary">{}</button></form>',
                message.report_url,
                csrf,
                texts["report"],
            )
        )
    return format_html(
        '<li class="chat-message{}" id="message-{}" data-id="{}" data-seq="{}" data-client-id="{}">'
        '<span class="chat-author">{}</span> <time datetime="{}">{}</time>{}'
        ' <p class="chat-body">{}</p>{}</li>',
        " pending" if pending else "",
        message.pk,
        message.pk,
        message.seq,
        message.client_id,
        message.author or texts["former"],
        message.sent_iso,
        message.sent_clock,
        format_html(' <span class="chat-pending">{}</span>', texts["pending"]) if pending else "",
        linebreaksbr(message.body, autoescape=True),
        mark_safe("".join(" " + form for form in forms)),  # noqa: S308 (built by format_html)
    )
