"""The rich-text field every app uses: a WYSIWYG editor, sanitised with nh3 on save.

The editor (django-prose-editor, served from the package's static files) needs an
import map; base.html renders it with the CSP nonce ({% importmap %}), so the
Content-Security-Policy never allows inline scripts.
"""

import functools

from django import forms
from django.urls import reverse
from django_prose_editor.widgets import ProseEditorWidget, prose_editor_presets
from js_asset import Media

from .sanitising import sanitise_html

EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Underline": True,
        "Strike": True,
        "Subscript": True,
        "Superscript": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "Image": True,
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
        "History": True,
        "HTML": True,
        "Typographic": True,
        # The browser's spell-check stays on (issue 14; the package turns it off by default).
        "NoSpellCheck": False,
    }
}


class RichTextWidget(ProseEditorWidget):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config", EDITOR_CONFIG)
        kwargs.setdefault("preset", "configurable")
        super().__init__(*args, **kwargs)

    def get_context(self, name, value, attrs):
        """The package's, with the editor's configuration written as JSON once per process
        (expanding the extensions and dumping them was a tenth of a topic page, issue 16)."""
        if self.config is not EDITOR_CONFIG:
            return super().get_context(name, value, attrs)
        context = super(ProseEditorWidget, self).get_context(name, value, attrs)
        context["widget"]["attrs"][f"data-django-prose-editor-{self.preset}"] = _config_json(
            self.preset
        )
        return context

    @property
    def media(self):
        # The import map itself is rendered once in base.html, with the CSP nonce.
        # The editor's words (window.gettext) first: a classic script runs before the
        # editor's modules.
        return Media(
            css={
                "all": ["django_prose_editor/material-icons.css", "django_prose_editor/editor.css"]
            },
            js=[reverse("core:editor_words"), *prose_editor_presets()[self.preset]],
        )


@functools.cache
def _config_json(preset: str) -> str:
    widget = ProseEditorWidget(config=EDITOR_CONFIG, preset=preset)
    return widget.get_context("_", "", {})["widget"]["attrs"][f"data-django-prose-editor-{preset}"]


class RichTextField(forms.CharField):
    """A form field whose cleaned value is already sanitised HTML."""

    widget = RichTextWidget

    def clean(self, value):
        return sanitise_html(super().clean(value))
