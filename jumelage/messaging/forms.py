from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jumelage.accounts.models import User


class LinkedErrors:
    """Point each field with errors at its error message (aria-describedby)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}-errors"


class ComposeForm(LinkedErrors, forms.Form):
    to = forms.ModelChoiceField(
        label=_("To"),
        queryset=User.objects.none(),
        widget=forms.RadioSelect,
        help_text=_("People you share a project with; search for a name or a school above."),
    )
    subject = forms.CharField(label=pgettext_lazy("message", "Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=10000, widget=forms.Textarea)

    def __init__(self, *args, recipients, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Checked against everyone the sender may write to; shown: the people found
        # (name, school, country), never a list of every teacher (issue 14).
        self.fields["to"].queryset = recipients
        self.fields["to"].widget.choices = [(person.user.pk, person.label) for person in people]
        self.fields["to"].error_messages["invalid_choice"] = _("You cannot write to this person.")


class ReplyForm(LinkedErrors, forms.Form):
    body = forms.CharField(label=_("Your answer"), max_length=10000, widget=forms.Textarea)


class PrefillForm(forms.Form):
    """`?to=<user id>&subject=...` on the compose page: a hint, so bad values are dropped."""

    to = forms.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
    subject = forms.CharField(required=False)

    def usable(self) -> dict:
        """The parts of the query string that are valid; never an error page."""
        self.is_valid()
        data = self.cleaned_data
        return {"to": data.get("to"), "subject": (data.get("subject") or "")[:200]}
