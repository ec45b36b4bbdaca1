from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    archive = forms.FileField(
        label=_("Project archive (.zip)"),
        help_text=_(
            "The file downloaded from “Export the project” on this or another Jumelage site."
        ),
    )

    def clean_archive(self):
        upload = self.cleaned_data["archive"]
        limit = settings.PORTABILITY_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("This file is larger than %(limit)s, the most this site accepts.")
                % {"limit": filesizeformat(limit)}
            )
        return upload
