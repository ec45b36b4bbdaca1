"""A topic's messages and the forum's topic rows as HTML, written in Python.

Fifty replies through the template engine, each with its edit link and its moderation
and report forms, were half of a topic page's time (issue 16); the same articles written
here cost a fraction; the same for the forum's list of topics. `forum/tests/
test_message_html.py` holds the HTML to what each reader may do.
"""

from html import escape

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils import dateformat, formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from jumelage.core.html import conditional_escape, format_html
from jumelage.core.reversing import ROW, row_url

from ..forms import ReportForm

register = template.Library()
URLS = ("edit_url", "moderate_url", "report_url")


@register.simple_tag(takes_context=True)
def forum_message(context, content, edit_url="", moderate_url="", report_url=""):
    """The topic's own message, with the URLs of its actions."""
    urls = {"edit_url": edit_url, "moderate_url": moderate_url, "report_url": report_url}
    return _Writer(context).article(content, urls)


@register.simple_tag(takes_context=True)
def forum_messages(context, posts):
    """The replies of one page, each with its own action URLs (`forum.pages.post_urls`)."""
    writer = _Writer(context)
    return mark_safe(  # noqa: S308 (each article built by format_html)
        "\n".join(
            writer.article(post, {name: getattr(post, name) for name in URLS}) for post in posts
        )
    )


class _Writer:
    """What every message of a page shares: the reader, one CSRF input, the words (escaped
    once here, and the report form around them written once: per message, only its own
    values are escaped and put in; fifty messages cost 2.4 ms through `format_html`)."""

    def __init__(self, context):
        self.access = context["access"]
        self.csrf = CsrfTokenNode().render(context)  # Django's own input
        words = {
            "former": gettext("Former member"),
            "edited": gettext("edited"),
            "edit": gettext("Edit"),
            "hide": gettext("Hide"),
            "approve": gettext("Approve"),
            "restore": gettext("Restore"),
            "report": gettext("Report"),
            "send_report": gettext("Send the report"),
            "reason": ReportForm.base_fields["reason"].label,
        }
        self.texts = texts = {name: conditional_escape(word) for name, word in words.items()}
        self.when_format = formats.get_format("SHORT_DATETIME_FORMAT")
        # The report form around its three values: its URL and, twice, the message's anchor.
        self.report_form = (
            f'<details class="inline"><summary>{texts["report"]}</summary>'
            '<form method="post" action="',
            f'">{self.csrf}<label for="reason-',
            f'">{texts["reason"]}</label><input type="text" name="reason" id="reason-',
            '" maxlength="1000"><button type="submit" class="secondary">'
            f"{texts['send_report']}</button></form></details>",
        )

    def article(self, content, urls) -> str:
        texts = self.texts
        when = escape(dateformat.format(timezone.localtime(content.created_at), self.when_format))
        anchor = escape(content.anchor)
        badge = ""
        if content.visibility != "published":
            badge = f' <span class="badge">{escape(str(content.get_visibility_display()))}</span>'
        actions = []
        if content.may_edit:
            actions.append(
                f'<a href="{escape(urls["edit_url"])}">{texts["edit"]}<span class="visually-hidden">'
                f" — {escape(str(content.author or ''))}, {when}</span></a>"
            )
        if self.access.can_moderate:
            if content.visibility == "published":
                visibility, label = "hidden", texts["hide"]
            elif content.visibility == "pending":
                visibility, label = "published", texts["approve"]
            else:
                visibility, label = "published", texts["restore"]
            actions.append(self._moderation(urls["moderate_url"], visibility, label))
        elif content.may_hide:
            actions.append(self._moderation(urls["moderate_url"], "hidden", texts["hide"]))
        if content.may_report:
            start, after_url, after_label, end = self.report_form
            url = escape(urls["report_url"])
            actions.append(f"{start}{url}{after_url}{anchor}{after_label}{anchor}{end}")
        name = self.access.name_of(content.author)
        return mark_safe(  # noqa: S308 (every value escaped above; the body sanitised by nh3)
            f'<article class="card forum-message" id="{anchor}">'
            f"<header><strong>{escape(name) if name else texts['former']}</strong>"
            f' <span class="muted">{when}{" · " + texts["edited"] if content.edited_at else ""}'
            f'</span>{badge}</header><div class="rich-text">{content.body}</div>'
            f'<footer class="actions">{" ".join(actions)}</footer></article>'
        )

    def _moderation(self, url, visibility, label) -> str:
        return (
            f'<form method="post" action="{escape(url)}" class="inline">{self.csrf}'
            f'<input type="hidden" name="visibility" value="{visibility}">'
            f'<button type="submit" class="secondary">{label}</button></form>'
        )


@register.simple_tag(takes_context=True)
def topic_rows(context, topics, categories):
    """A page of the forum's topics as table rows: badges, title, category (when the
    forum has categories), who started it, replies (and, for a moderator, how many wait),
    last activity. Twenty rows through the template engine were most of the forum page."""
    access = context["access"]
    url = row_url("forum:topic_detail", context["project"].pk, ROW)
    texts = {
        "pinned": gettext("pinned"),
        "locked": gettext("locked"),
        "general": gettext("General"),
    }
    rows = []
    for topic in topics:
        flags = (("pinned", topic.sticky), ("locked", topic.locked))
        badges = [format_html('<span class="badge">{}</span>', texts[f]) for f, on in flags if on]
        if topic.visibility != "published":
            badges.append(
                format_html('<span class="badge">{}</span>', topic.get_visibility_display())
            )
        replies = format_html("{}", topic.reply_count)
        if access.can_moderate and topic.pending_count:
            waiting = ngettext(
                "%(n)s waiting for approval", "%(n)s waiting for approval", topic.pending_count
            ) % {"n": topic.pending_count}
            replies = format_html('{} <span class="badge">{}</span>', topic.reply_count, waiting)
        rows.append(
            format_html(
                '<tr><td>{}<a href="{}">{}</a></td>{}<td>{}</td><td>{}</td><td>{}</td></tr>',
                mark_safe("".join(badge + " " for badge in badges)),  # noqa: S308 (format_html)
                url.format(topic.pk),
                topic.title,
                format_html(
                    "<td>{}</td>", topic.category.title if topic.category else texts["general"]
                )
                if categories
                else "",
                access.name_of(topic.author) or "—",
                replies,
                formats.date_format(
                    timezone.localtime(topic.last_activity_at), "SHORT_DATETIME_FORMAT"
                ),
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (built by format_html)
