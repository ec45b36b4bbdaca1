from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.core.richtext import RichTextField

from .models import Page

# Revision numbers and versions are PositiveIntegerField: larger values are no revision.
MAX_NUMBER = 2**31 - 1


class PageForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = RichTextField(label=_("Text"), required=False)
    parent = forms.ModelChoiceField(
        label=_("Place it under"),
        queryset=Page.objects.none(),
        required=False,
        empty_label=_("(top level)"),
    )
    position = forms.IntegerField(
        label=_("Order among its sibling pages"),
        min_value=0,
        max_value=10000,
        required=False,
        initial=0,
    )
    # The version the editor started from: a save made from an older one is a conflict.
    # Required when editing: without it a save could overwrite someone else's silently.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        max_value=MAX_NUMBER,
        required=False,
        error_messages={
            "required": _(
                "We could not tell which version of the page you started from, so nothing was "
                "saved. Your text is kept below: compare it with the current page, then save again."
            )
        },
    )

    def __init__(self, *args, parents=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = editing
        self.fields["parent"].queryset = parents if parents is not None else Page.objects.none()
        self.fields["parent"].label_from_instance = lambda page: page.title


class DiffForm(forms.Form):
    old = forms.IntegerField(min_value=1, max_value=MAX_NUMBER, required=False)
    new = forms.IntegerField(min_value=1, max_value=MAX_NUMBER, required=False)


class RestoreForm(forms.Form):
    """The version the reader saw: restoring over a newer save is a conflict, never silent."""

    version = forms.IntegerField(min_value=1, max_value=MAX_NUMBER)
