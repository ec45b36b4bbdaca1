"""One look for every form field: Django's FORM_RENDERER points here.

`{{ form }}` and `{{ field.as_field_group }}` render through the two templates
below, so label, help text, errors and aria links are written once
(`<id>_helptext`, `<id>_error`: the ids Django's widgets point aria-describedby at).
"""

from html import escape

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

from jumelage.core.html import conditional_escape
from jumelage.core.html import widget_attributes as _attributes

SELECT = "django/forms/widgets/select.html"
TEXTAREA = "django/forms/widgets/textarea.html"
# Django's templates that are `{% include "django/forms/widgets/input.html" %}` and nothing
# else (core/tests/test_choice_inputs.py checks that they still are).
INPUT_TYPES = (
    "input", "text", "email", "number", "url", "password", "hidden", "checkbox", "file",
    "date", "datetime", "time", "search", "tel", "color",
)  # fmt: skip
INPUTS = frozenset(f"django/forms/widgets/{kind}.html" for kind in INPUT_TYPES)
OPTION = "django/forms/widgets/select_option.html"


class FormRenderer(DjangoTemplates):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        if template_name in INPUTS:
            return input_tag(context["widget"])
        if template_name == TEXTAREA:
            return textarea(context["widget"])
        if template_name == SELECT:
            written = select(context["widget"])
            if written is not None:
                return written
        return super().render(template_name, context, request)


def _value(value) -> str:
    """`{{ value|stringformat:'s' }}`: the value as text, escaped unless already safe."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031 (the filter)
    return text if isinstance(value, SafeData) else escape(text)


def input_tag(widget: dict) -> str:
    """Django's input.html (and the templates that only include it), byte for byte: every
    text, email, number, hidden, checkbox and file input of every form, without two
    templates and a loop over the attributes through the template engine each."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_value(value)}"'
    return mark_safe(  # noqa: S308 - every value escaped
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{shown}'
        f"{_attributes(widget['attrs'])}>"
    )


def textarea(widget: dict) -> str:
    """Django's textarea.html, byte for byte."""
    value = widget["value"]
    return mark_safe(  # noqa: S308 - every value escaped
        f'<textarea name="{escape(widget["name"])}"{_attributes(widget["attrs"])}>\n'
        f"{conditional_escape(value) if value else ''}</textarea>"
    )


def select(widget: dict) -> str | None:
    """Django's select.html and select_option.html, byte for byte, written here: through
    the templates each option cost an include of two templates (the project directory's
    four filters, about 150 options: 20,000 of its 124,000 Python calls). None when an
    option has a template of its own (Django's templates then)."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None
            parts.append(
                f'\n  <option value="{conditional_escape(option["value"])}"'
                f"{_attributes(option['attrs'])}>{_shown(option['label'])}"
                "</option>\n"  # the option template's last line ends
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


def _shown(value) -> str:
    """A label as `{{ value }}` writes it: in the current time zone, localized, escaped."""
    return conditional_escape(localize(template_localtime(value)))
