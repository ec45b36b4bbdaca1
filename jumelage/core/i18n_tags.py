"""`{% load i18n %}` for the project's templates (TEMPLATES' "libraries" points here).

Django's i18n tags, with `{% translate "literal" %}` translated at once: Django's tag
makes a lazy translation of the literal, then casts it to text, about twenty Python
calls for each of a page's hundred-odd words. Every other form of the tag (a variable,
filters, `noop`, `context`) is Django's own. The same output, byte for byte
(core/tests/test_translate_tag.py).
"""

from django import template
from django.templatetags.i18n import TranslateNode, do_translate
from django.templatetags.i18n import register as django_i18n
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()
register.tags.update(django_i18n.tags)
register.filters.update(django_i18n.filters)


class TranslateLiteral(TranslateNode):
    def __init__(self, filter_expression, noop, asvar=None, message_context=None):
        super().__init__(filter_expression, noop, asvar, message_context)
        var = self.filter_expression.var
        plain = not (noop or message_context or self.filter_expression.filters)
        # As Django's Variable.resolve does with a literal: its percent signs doubled.
        self.msgid = str(var.literal).replace("%", "%%") if plain and var.lookups is None else None

    def render(self, context):
        if self.msgid is None:
            return super().render(context)
        # The literal is safe text, so Django's translation of it is too, and not escaped.
        value = mark_safe(gettext(self.msgid).replace("%%", "%"))  # noqa: S308
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


@register.tag("translate")
@register.tag("trans")
def translate(parser, token):
    node = do_translate(parser, token)
    return TranslateLiteral(node.filter_expression, node.noop, node.asvar, node.message_context)
