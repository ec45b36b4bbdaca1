"""One look for every form field: Django's FORM_RENDERER points here.

`{{ form }}` and `{{ field.as_field_group }}` render through the two templates
below, so label, help text, errors and aria links are written once
(`<id>_helptext`, `<id>_error`: the ids Django's widgets point aria-describedby at).
"""

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
