from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django_prose_editor.widgets import importmap as prose_importmap

from jumelage.core.html import conditional_escape, format_html, format_html_join
from jumelage.core.html import widget_attributes as _attributes

register = template.Library()


@register.simple_tag(takes_context=True)
def importmap(context):
    """The rich-text editor's import map, allowed by the request's CSP nonce."""
    request = context.get("request")
    nonce = str(request.csp_nonce) if request is not None and hasattr(request, "csp_nonce") else ""
    opening, rest = _importmap_parts()
    return mark_safe(  # noqa: S308 - js_asset's own markup, the nonce escaped
        opening + (format_html(' nonce="{}"', nonce) if nonce else "") + rest
    )


@lru_cache(maxsize=1)
def _importmap_parts() -> tuple[str, str]:
    """js_asset's map without attributes, cut before its tag's ">": its addresses of
    static files stay the same all the process long (300 Python calls a page, issue 16)."""
    whole = str(prose_importmap.render())
    cut = whole.index(">")
    return whole[:cut], whole[cut:]


@register.simple_tag
def language_options(current):
    """The language menu's options, every site language named in itself (never translated
    into the page's language), `current` selected. Written once per process: 28 options
    through the template engine were a third of the page layout's time (issue 16)."""
    from django.conf import settings

    return mark_safe(  # noqa: S308 - built by format_html
        "".join(
            selected if code == current else plain
            for code, plain, selected in _language_options(tuple(settings.LANGUAGES))
        )
    )


@lru_cache(maxsize=4)
def _language_options(languages) -> tuple:
    return tuple(
        (
            code,
            format_html('<option value="{}" lang="{}">{}</option>', code, code, name),
            format_html('<option value="{}" lang="{}" selected>{}</option>', code, code, name),
        )
        for code, name in languages
    )


@register.simple_tag
def icon(name, css=""):
    """An icon of the platform's sprite (core/static/core/icons.svg, Lucide), decorative:
    the text beside it (visible, or visually hidden on a phone) names the control.
    The same markup for the same name all the process long: kept (a page shows 8-20)."""
    return _icon(name, css)


@lru_cache(maxsize=256)
def _icon(name, css):
    return format_html(
        '<svg class="icon{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        f" {css}" if css else "",
        static("core/icons.svg"),
        name,
    )


def _static_moved(*, setting, **kwargs):
    """Static addresses are kept for the process: a test that moves them starts afresh."""
    if setting in ("STATIC_URL", "STORAGES"):
        _icon.cache_clear()
        _importmap_parts.cache_clear()


setting_changed.connect(_static_moved, dispatch_uid="jumelage-static-addresses")


CURRENT_PAGE = mark_safe(' aria-current="page"')  # noqa: S308 - a constant


@register.simple_tag
def menu_items(links, current_path):
    """The layout's menu entries, the current page's marked: the HTML of
    `{% for label, url in links %}<li><a href="{{ url }}"{% if current_path == url %}
    aria-current="page"{% endif %}>{{ label }}</a></li>{% endfor %}`, and with
    `{% icon %}<span class="nav-label">{{ label }}</span>` for (label, url, icon) links.
    Written here: every page's three menu loops were a fifth of its layout's work."""
    items = []
    for label, url, *icon_name in links:
        if icon_name:
            label = format_html('{}<span class="nav-label">{}</span>', icon(icon_name[0]), label)
        current = CURRENT_PAGE if url == current_path else ""
        items.append(format_html('<li><a href="{}"{}>{}</a></li>', url, current, label))
    return mark_safe("".join(items))  # noqa: S308 - built by format_html


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current address at another page number: the list's filters stay as they are."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag
def site_language():
    """The page's language as HTML and the menu name it (a pupil's "tu" variant is French)."""
    from jumelage.core.l10n import site_language as language

    return language()


@register.simple_tag
def choice_inputs(field):
    """A checkbox or radio list's inputs, each in its label: the HTML of
    `{% for choice in field %}<label class="choice">{{ choice.tag }} {{ choice.choice_label }}</label>`,
    written here because Django builds each choice through a dict of attributes, a bound
    widget and four templates: the partner search's 134 filter choices took 12 ms. The
    steps are Django's (`BoundField.subwidgets`, `ChoiceWidget.optgroups` and
    `create_option`), without the objects; grouped choices go through Django's own."""
    widget = field.field.widget
    choices = list(iter(widget.choices))  # iter(): a model field's len() is a COUNT query
    if any(isinstance(label, (list, tuple)) for _value, label in choices):
        return _grouped_choice_inputs(field)
    id_ = widget.attrs.get("id") or field.auto_id
    attrs = field.build_widget_attrs({"id": id_} if id_ else {})
    shared = widget.build_attrs(widget.attrs, attrs) if widget.option_inherits_attrs else {}
    if "id" in widget.checked_attribute or widget.checked_attribute.keys() & shared.keys():
        return _grouped_choice_inputs(field)  # an attribute would move: Django's own
    values = widget.format_value(field.value())
    # What every option shares is written once: the attributes before and after the id
    # (which takes the option's index, in its place), and the checked attribute.
    names = list(shared)
    cut = names.index("id") if "id" in shared else len(names)
    before = _attributes({name: shared[name] for name in names[:cut]})
    after = _attributes({name: shared[name] for name in names[cut + 1 :]})
    checked = _attributes(widget.checked_attribute)
    start = f'<label class="choice"><input type="{widget.input_type}" name="{conditional_escape(field.html_name)}" value="'
    parts, has_selected, multiple = [], False, widget.allow_multiple_selected
    for index, (value, label) in enumerate(choices):
        value = "" if value is None else value
        selected = (not has_selected or multiple) and str(value) in values
        has_selected |= selected
        id_ = (
            f' id="{conditional_escape(widget.id_for_label(shared["id"], str(index)))}"'
            if cut < len(names)
            else ""
        )
        parts.append(
            f'{start}{conditional_escape(value)}"{before}{id_}{after}{checked if selected else ""}> '
            f"{conditional_escape(label)}</label>"
        )
    return mark_safe("".join(parts))  # noqa: S308 - each part is escaped above


def _grouped_choice_inputs(field):
    return format_html_join(
        "",
        '<label class="choice"><input type="{}" name="{}"{}{}> {}</label>',
        (
            (
                choice.data["type"],
                choice.data["name"],
                ""
                if choice.data["value"] is None
                else format_html(' value="{}"', choice.data["value"]),
                mark_safe(_attributes(choice.data["attrs"])),  # noqa: S308 - escaped
                choice.choice_label,
            )
            for choice in field
        ),
    )
