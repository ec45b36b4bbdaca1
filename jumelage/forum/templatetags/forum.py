"""A topic's messages and the forum's topic rows as HTML, written in Python.

Fifty replies through the template engine, each with its edit link and its moderation
and report forms, were half of a topic page's time (issue 16); the same articles written
here cost a fraction; the same for the forum's list of topics. `forum/tests/
test_message_html.py` holds the HTML to what each reader may do.
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from jumelage.core.html import format_html
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
    """What every message of a page shares: the reader, one CSRF input, the words."""

    def __init__(self, context):
        self.access = context["access"]
        self.csrf = mark_safe(CsrfTokenNode().render(context))  # noqa: S308 (Django's own input)
        self.texts = {
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

    def article(self, content, urls) -> str:
        texts = self.texts
        when = formats.date_format(timezone.localtime(content.created_at), "SHORT_DATETIME_FORMAT")
        badge = ""
        if content.visibility != "published":
            badge = format_html(' <span class="badge">{}</span>', content.get_visibility_display())
        actions = []
        if content.may_edit:
            actions.append(
                format_html(
                    '<a href="{}">{}<span class="visually-hidden"> — {}, {}</span></a>',
                    urls["edit_url"],
                    texts["edit"],
                    content.author or "",
                    when,
                )
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
            actions.append(
                format_html(
                    '<details class="inline"><summary>{}</summary>'
                    '<form method="post" action="{}">{}'
                    '<label for="reason-{}">{}</label>'
                    '<input type="text" name="reason" id="reason-{}" maxlength="1000">'
                    '<button type="submit" class="secondary">{}</button></form></details>',
                    texts["report"],
                    urls["report_url"],
                    self.csrf,
                    content.anchor,
                    texts["reason"],
                    content.anchor,
                    texts["send_report"],
                )
            )
        return format_html(
            '<article class="card forum-message" id="{}">'
            "<header><strong>{}</strong>"
            ' <span class="muted">{}{}</span>{}</header>'
            '<div class="rich-text">{}</div>'
            '<footer class="actions">{}</footer></article>',
            content.anchor,
            self.access.name_of(content.author) or texts["former"],
            when,
            format_html(" · {}", texts["edited"]) if content.edited_at else "",
            badge,
            mark_safe(content.body),  # noqa: S308 (sanitised by nh3 on save)
            mark_safe(" ".join(actions)),  # noqa: S308 (built by format_html)
        )

    def _moderation(self, url, visibility, label) -> str:
        return format_html(
            '<form method="post" action="{}" class="inline">{}'
            '<input type="hidden" name="visibility" value="{}">'
            '<button type="submit" class="secondary">{}</button></form>',
            url,
            self.csrf,
            visibility,
            label,
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
