"""Template tags every template has without `{% load %}` (TEMPLATES' "builtins").

`{% url %}` here is Django's, reversing through core.reversing.reverse_ids: the same
URL, written from a pattern kept per name when every argument is an id.
"""

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch

from jumelage.core.html import conditional_escape
from jumelage.core.reversing import reverse_ids

register = template.Library()


class URLByIds(URLNode):
    def render(self, context):
        # Django's URLNode.render (5.2), with reverse_ids for reverse.
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse_ids(view_name, args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return URLByIds(node.view_name, node.args, node.kwargs, node.asvar)
