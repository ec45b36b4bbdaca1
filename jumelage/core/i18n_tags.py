"""`{% load i18n %}` for the project's templates (TEMPLATES' "libraries" points here).

Django's i18n tags, with `{% translate "literal" %}` looked up at once in the catalogue
active when the page's rendering began: Django's tag makes a lazy translation of the
literal, casts it to text and finds the thread's catalogue again, about forty Python
calls for each of a page's fifty-odd words. The catalogue is found once per rendering
(a Context), not kept longer: the corrections app reloads catalogues while the process
runs. Every other form of the tag (a variable, filters, `noop`, `context`) is Django's
own. The same output, byte for byte (core/tests/test_translate_tag.py).
"""

from django import template
from django.templatetags.i18n import TranslateNode, do_translate
from django.templatetags.i18n import register as django_i18n
from django.utils.safestring import mark_safe
from django.utils.translation import trans_real

register = template.Library()
register.tags.update(django_i18n.tags)
register.filters.update(django_i18n.filters)


CATALOGUE = "_jumelage_catalogue"  # the Context's attribute


class TranslateLiteral(TranslateNode):
    def __init__(self, filter_expression, noop, asvar=None, message_context=None):
        super().__init__(filter_expression, noop, asvar, message_context)
        var = self.filter_expression.var
        plain = not (noop or message_context or self.filter_expression.filters)
        self.msgid = None
        if plain and var.lookups is None and var.literal:
            # As Django's Variable.resolve and gettext make it: percent signs doubled,
            # line ends as "\n".
            msgid = str(var.literal).replace("%", "%%")
            self.msgid = msgid.replace("\r\n", "\n").replace("\r", "\n")

    def render(self, context):
        if self.msgid is None:
            return super().render(context)
        catalogue = getattr(context, CATALOGUE, None)
        if catalogue is None:
            catalogue = trans_real.catalog()  # what gettext reads: the active one, or the default
            setattr(context, CATALOGUE, catalogue)
        # The literal is safe text, so Django's translation of it is too, and not escaped.
        value = mark_safe(catalogue.gettext(self.msgid).replace("%%", "%"))  # noqa: S308
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


@register.tag("translate")
@register.tag("trans")
def translate(parser, token):
    node = do_translate(parser, token)
    return TranslateLiteral(node.filter_expression, node.noop, node.asvar, node.message_context)
