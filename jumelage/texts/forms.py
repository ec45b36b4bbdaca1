from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from jumelage.core import fields as core_fields
from jumelage.core.richtext import RichTextField
from jumelage.reference.models import Country

from .models import OfficialText


class OfficialTextForm(forms.ModelForm):
    body = RichTextField(label=_("Text"), required=False)

    class Meta:
        model = OfficialText
        fields = [
            "kind",
            "title",
            "reference",
            "published_on",
            "country",
            "language",
            "body",
            "links",
            "published",
        ]
        field_classes = {"published_on": core_fields.DateField}
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "links": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, countries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if countries is not None:
            # A national office writes for its own countries only.
            self.fields["country"].queryset = Country.objects.filter(code__in=countries)
            self.fields["country"].required = True

    def clean_links(self):
        validate = URLValidator(schemes=["http", "https"])
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        for line in lines:
            url = line.partition(" ")[0]
            try:
                validate(url)
            except forms.ValidationError as exc:
                raise forms.ValidationError(
                    _("This line does not start with a web address: %(line)s"),
                    params={"line": line},
                ) from exc
        return "\n".join(lines)
