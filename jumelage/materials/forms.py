import uuid

from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple> (works without JavaScript)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if not data and self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        error_messages={"required": _("Choose at least one file to upload.")},
    )
    # One key per sending of the form (the page's JavaScript sends one per file): a
    # retry of the same request carries the same key, so nothing is stored twice.
    upload_key = forms.UUIDField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("This upload cannot be identified: reload the page.")},
    )

    def file_keys(self):
        """(file, key) pairs: each file's key is derived from the form's key and its place."""
        key = self.cleaned_data.get("upload_key")
        return [
            (upload, uuid.uuid5(key, str(index)) if key else None)
            for index, upload in enumerate(self.cleaned_data["files"])
        ]


class FolderForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    is_album = forms.BooleanField(label=_("Image album (holds images only)"), required=False)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the folder a name."))
        return name


class MoveForm(forms.Form):
    """Where a file goes: a folder of the same space, or the top of its library."""

    folder = forms.ModelChoiceField(
        label=_("Move to"),
        queryset=None,
        required=False,
        empty_label=_("Top of the library"),
    )

    def __init__(self, *args, folders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"].queryset = folders
