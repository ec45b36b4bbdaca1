from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.accounts.models import User


class LinkedErrors:
    """Point each field with errors at its error message (aria-describedby)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}-errors"


class ComposeForm(LinkedErrors, forms.Form):
    to = forms.ModelChoiceField(label=_("To"), queryset=User.objects.none())
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=10000, widget=forms.Textarea)

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = recipients
        self.fields["to"].error_messages["invalid_choice"] = _("You cannot write to this person.")


class ReplyForm(LinkedErrors, forms.Form):
    body = forms.CharField(label=_("Your answer"), max_length=10000, widget=forms.Textarea)
