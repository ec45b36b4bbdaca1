"""A room's history as HTML, written in Python.

Fifty messages, each with up to four forms, cost about 9 ms through the template engine
(the chat page's heaviest part, issue 16); the same rows written here cost a fraction.
The live messages are drawn by the page's script (chat/static/chat/room.js) with the
same classes and forms.
"""

from html import escape

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from jumelage.core.html import conditional_escape

register = template.Library()


@register.simple_tag(takes_context=True)
def chat_messages(context, history, mute_url):
    """Each message of `history` as a list item: author, time, body, and the forms the
    reader may use (approve, delete, mute for a moderator; report for others' messages).
    The words and the CSRF input are escaped once a page; per message only its own
    values are."""
    csrf = CsrfTokenNode().render(context)  # Django's own input
    words = {
        "former": gettext("Former member"),
        "pending": gettext("waiting for approval"),
        "approve": gettext("Approve"),
        "confirm": gettext("Delete this message?"),
        "delete": gettext("Delete"),
        "report": gettext("Report"),
    }
    texts = {name: conditional_escape(word) for name, word in words.items()}
    writer = _Rows(context["user"].pk, context.get("moderator"), escape(mute_url), csrf, texts)
    return mark_safe("\n".join(map(writer.row, history)))  # noqa: S308 (each value escaped)


class _Rows:
    def __init__(self, reader, moderator, mute_url, csrf, texts):
        self.reader, self.moderator, self.texts = reader, moderator, texts
        self.mute_label = gettext("Mute %(name)s")
        self.approve = (
            '<form method="post" action="',
            f'" class="inline">{csrf}<button type="submit">{texts["approve"]}</button></form>',
        )
        self.delete = (
            '<form method="post" action="',
            f'" class="inline" data-confirm="{texts["confirm"]}">{csrf}'
            f'<button type="submit">{texts["delete"]}</button></form>',
        )
        self.mute = (
            f'<form method="post" action="{mute_url}" class="inline">{csrf}'
            '<input type="hidden" name="user" value="',
            '"><button type="submit">',
            "</button></form>",
        )
        self.report = (
            '<form method="post" action="',
            f'" class="inline">{csrf}'
            f'<button type="submit" class="secondary">{texts["report"]}</button></form>',
        )

    def row(self, message) -> str:
        texts = self.texts
        pending = message.visibility == "pending"
        forms = []
        if self.moderator:
            if pending:
                start, end = self.approve
                forms.append(f"{start}{escape(message.approve_url)}{end}")
            start, end = self.delete
            forms.append(f"{start}{escape(message.delete_url)}{end}")
            if message.author_id and message.author_id != self.reader:
                start, middle, end = self.mute
                label = escape(self.mute_label % {"name": message.author})
                forms.append(f"{start}{message.author_id}{middle}{label}{end}")
        if message.author_id != self.reader:
            start, end = self.report
            forms.append(f"{start}{escape(message.report_url)}{end}")
        author = message.author
        body = escape(message.body).replace("\r\n", "\n").replace("\r", "\n")
        return (
            f'<li class="chat-message{" pending" if pending else ""}" id="message-{message.pk}"'
            f' data-id="{message.pk}" data-seq="{message.seq}"'
            f' data-client-id="{escape(message.client_id)}">'
            f'<span class="chat-author">{escape(str(author)) if author else texts["former"]}'
            f'</span> <time datetime="{escape(message.sent_iso)}">{escape(message.sent_clock)}'
            f"</time>"
            + (f' <span class="chat-pending">{texts["pending"]}</span>' if pending else "")
            + f' <p class="chat-body">{body.replace(chr(10), "<br>")}</p>'
            + "".join(" " + form for form in forms)
            + "</li>"
        )
