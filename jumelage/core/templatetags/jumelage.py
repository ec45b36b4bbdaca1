from django import template
from django.utils.safestring import mark_safe
from django_prose_editor.widgets import importmap as prose_importmap

register = template.Library()


@register.simple_tag(takes_context=True)
def importmap(context):
    """The rich-text editor's import map, allowed by the request's CSP nonce."""
    request = context.get("request")
    nonce = str(request.csp_nonce) if request is not None and hasattr(request, "csp_nonce") else ""
    return mark_safe(prose_importmap.render(attrs={"nonce": nonce} if nonce else None))  # noqa: S308


@register.simple_tag
def site_languages():
    """(code, name) of every site language, each named in itself (settings.LANGUAGES):
    unlike get_available_languages, never translated into the page's language."""
    from django.conf import settings

    return settings.LANGUAGES
