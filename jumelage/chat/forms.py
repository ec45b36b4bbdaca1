from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.accounts.models import User

from .models import MAX_BODY


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 2})
    )
    client_id = forms.CharField(max_length=64, widget=forms.HiddenInput)


MAX_PK = 2**63 - 1


class MemberLabel(forms.ModelMultipleChoiceField):
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

    def label_from_instance(self, user):
        school = getattr(user, "chat_school", "") or ""
        return f"{user} ({school})" if school else str(user)


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
        from django.db.models import F

        self.fields["members"].queryset = (
            User.objects.filter(
                memberships__project=project, memberships__role="pupil", is_active=True
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
