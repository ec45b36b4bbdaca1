from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from jumelage.accounts.models import User, name_columns, shown_name
from jumelage.projects.models import Membership

from .models import MAX_BODY


class MessageForm(forms.Form):
    """THE validation of a chat message, for the form post and the WebSocket frame alike."""

    body = forms.CharField(
        label=_("Message"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 2})
    )
    client_id = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def refusal(self) -> tuple[str, str] | None:
        """(code, message) saying what is wrong, for an error frame; None if valid."""
        if self.is_valid():
            return None
        if "client_id" in self.errors:
            return "bad_frame", _("A message needs a client id.")
        codes = {error.code for error in self.errors.as_data().get("body", [])}
        if "null_characters_not_allowed" in codes:
            return "bad_text", _("This message contains characters that cannot be stored.")
        if "max_length" in codes:
            return "too_long", _("A message has at most %(n)d characters.") % {"n": MAX_BODY}
        return "empty", _("Write something first.")


MAX_PK = 2**63 - 1


class _MemberRows(forms.models.ModelChoiceIterator):
    """(pk, "name (school)") from four columns, not a user built per pupil: the chat page
    lists every pupil of the project (242 in a big one: 12,000 Python calls a view)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, school, *name in self.queryset.values_list("pk", "chat_school", *name_columns("")):
            name = shown_name(*name)
            yield (pk, f"{name} ({school})" if school else name)


class MemberLabel(forms.ModelMultipleChoiceField):
    iterator = _MemberRows

    def _check_values(self, value):
        """A value no database integer can hold is an invalid choice, not a server error."""
        for pk in value:
            if not (
                isinstance(pk, str | int)
                and str(pk).isascii()
                and str(pk).isdigit()
                and int(pk) <= MAX_PK
            ):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:20]},
                )
        return super()._check_values(value)


class BreakoutForm(forms.Form):
    name = forms.CharField(label=_("Name of the group"), max_length=80)
    members = MemberLabel(
        label=_("Pupils in this group"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    pupils_need_approval = forms.BooleanField(
        label=_("Pupils' messages wait for a teacher's approval"), required=False
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = (
            User.objects.filter(
                memberships__project=project,
                memberships__role=Membership.Role.PUPIL,
                is_active=True,
            )
            .annotate(chat_school=F("memberships__school__name"))
            .order_by("chat_school", "display_name")
        )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you report this message?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
