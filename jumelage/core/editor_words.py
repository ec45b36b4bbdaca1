"""The rich-text editor's own words, in the reader's language (issue 14).

django-prose-editor asks `window.gettext` for its dialogs, and writes its toolbar titles
in fixed English; it ships French, German and Polish only. These words live in the
platform's catalogue instead, so every site language gets them through the usual
translation work: /editor/words.js sets `window.gettext` from them before the editor
loads, and site.js translates the toolbar's titles with it.
"""

from django.utils.translation import pgettext


def editor_words() -> dict[str, str]:
    """English word -> its translation, in the active language."""
    return {
        # The editor's dialogs (window.gettext)
        "Image URL": pgettext("rich-text editor", "Image URL"),
        "Browse...": pgettext("rich-text editor", "Browse..."),
        "Alternative Text": pgettext("rich-text editor", "Alternative Text"),
        "Caption": pgettext("rich-text editor", "Caption"),
        "Edit Figure": pgettext("rich-text editor", "Edit Figure"),
        "Edit Image": pgettext("rich-text editor", "Edit Image"),
        "Insert Figure": pgettext("rich-text editor", "Insert Figure"),
        "Insert": pgettext("rich-text editor", "Insert"),
        "Update": pgettext("rich-text editor", "Update"),
        "Remove caption": pgettext("rich-text editor", "Remove caption"),
        "Add caption": pgettext("rich-text editor", "Add caption"),
        "The HTML contents of the editor. Note that the allowed HTML is restricted by the "
        "editor schema.": pgettext(
            "rich-text editor",
            "The HTML contents of the editor. Note that the allowed HTML is restricted by "
            "the editor schema.",
        ),
        "Edit HTML": pgettext("rich-text editor", "Edit HTML"),
        "Prettify": pgettext("rich-text editor", "Prettify"),
        "URL": pgettext("rich-text editor", "URL"),
        "Title": pgettext("rich-text editor", "Title"),
        "Open in new window": pgettext("rich-text editor", "Open in new window"),
        "Edit Link": pgettext("rich-text editor", "Edit Link"),
        "List properties": pgettext("rich-text editor", "List properties"),
        "Toggle fullscreen": pgettext("rich-text editor", "Toggle fullscreen"),
        "Decimal numbers": pgettext("rich-text editor", "Decimal numbers"),
        "Lowercase letters": pgettext("rich-text editor", "Lowercase letters"),
        "Uppercase letters": pgettext("rich-text editor", "Uppercase letters"),
        "Lowercase Roman numerals": pgettext("rich-text editor", "Lowercase Roman numerals"),
        "Uppercase Roman numerals": pgettext("rich-text editor", "Uppercase Roman numerals"),
        "Bullets": pgettext("rich-text editor", "Bullets"),
        "Start at": pgettext("rich-text editor", "Start at"),
        "List type": pgettext("rich-text editor", "List type"),
        "Rows": pgettext("rich-text editor", "Rows"),
        "Columns": pgettext("rich-text editor", "Columns"),
        "Include header row": pgettext("rich-text editor", "Include header row"),
        "Table Properties": pgettext("rich-text editor", "Table Properties"),
        "Insert Table": pgettext("rich-text editor", "Insert Table"),
        "Cancel": pgettext("rich-text editor", "Cancel"),
        # The toolbar's titles (fixed English in the package; site.js translates them)
        "paragraph": pgettext("rich-text editor", "paragraph"),
        "unordered list": pgettext("rich-text editor", "unordered list"),
        "ordered list": pgettext("rich-text editor", "ordered list"),
        "blockquote": pgettext("rich-text editor", "blockquote"),
        "horizontal rule": pgettext("rich-text editor", "horizontal rule"),
        "bold": pgettext("rich-text editor", "bold"),
        "italic": pgettext("rich-text editor", "italic"),
        "underline": pgettext("rich-text editor", "underline"),
        "strike": pgettext("rich-text editor", "strike"),
        "subscript": pgettext("rich-text editor", "subscript"),
        "superscript": pgettext("rich-text editor", "superscript"),
        "insert link": pgettext("rich-text editor", "insert link"),
        "remove link": pgettext("rich-text editor", "remove link"),
        "Insert table": pgettext("rich-text editor", "Insert table"),
        "Add column": pgettext("rich-text editor", "Add column"),
        "Delete column": pgettext("rich-text editor", "Delete column"),
        "Add row": pgettext("rich-text editor", "Add row"),
        "Delete row": pgettext("rich-text editor", "Delete row"),
        "Merge cells": pgettext("rich-text editor", "Merge cells"),
        "Split cell": pgettext("rich-text editor", "Split cell"),
        "Toggle header cell": pgettext("rich-text editor", "Toggle header cell"),
        "Delete table": pgettext("rich-text editor", "Delete table"),
        "undo": pgettext("rich-text editor", "undo"),
        "redo": pgettext("rich-text editor", "redo"),
        "edit HTML": pgettext("rich-text editor", "edit HTML"),
        "heading": pgettext("rich-text editor", "heading"),
        "Styles": pgettext("rich-text editor", "Styles"),
    }
