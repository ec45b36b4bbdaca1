"""The style guide page (/style/, issue 14): every component of the design system, drawn
by the same templates and stylesheet as the real pages, so a change shows here first."""

import re
from functools import cache

from django import forms
from django.contrib.staticfiles import finders
from django.utils.translation import gettext_lazy as _

# The design tokens shown as swatches: (CSS custom property, what it is for).
COLOURS = [
    ("--ink", _("Text")),
    ("--muted", _("Secondary text")),
    ("--paper", _("Page background")),
    ("--soft", _("Soft background")),
    ("--line", _("Lines and borders")),
    ("--accent", _("Links and main buttons")),
    ("--ok", _("Success")),
    ("--warn", _("Warning")),
    ("--error", _("Error and danger")),
    ("--focus", _("Keyboard focus")),
]
TYPE_SCALE = ["--text-sm", "--text-base", "--text-lg", "--text-xl", "--text-2xl"]
SPACING = ["--space-1", "--space-2", "--space-3", "--space-4", "--space-5", "--space-6"]


@cache
def icon_names() -> list[str]:
    """The symbols of the shipped sprite (scripts/build_icons.py writes it)."""
    sprite = finders.find("core/icons.svg")
    with open(sprite, encoding="utf-8") as file:
        return re.findall(r'<symbol id="([^"]+)"', file.read())


class SampleForm(forms.Form):
    """A form with each kind of field, shown with its errors through the one renderer."""

    title = forms.CharField(label=_("Title"), help_text=_("A short, clear title."))
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea, required=False)
    language = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=[("de", "Deutsch"), ("en", "English"), ("fr", "Français"), ("it", "Italiano")],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick as many as you need."),
    )
    public = forms.BooleanField(label=_("Show on the public page"), required=False)
