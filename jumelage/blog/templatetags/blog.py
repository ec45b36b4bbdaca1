from django import template

from jumelage.blog.policies import public_name as _public_name
from jumelage.core.html import format_html

register = template.Library()


@register.filter
def public_name(user) -> str:
    """A pupil's first name only; see blog.policies.public_name."""
    return _public_name(user)


@register.simple_tag
def lang_attr(post) -> str:
    """` lang="…"` for a post whose language is known, so its words are read in that language."""
    return format_html(' lang="{}"', post.language_id) if post.language_id else ""
