from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jumelage.reference.models import ProductionType, Subject

from .models import Kit


class KitFilterForm(forms.Form):
    q = forms.CharField(label=_("Words in the title or summary"), required=False, max_length=100)
    subject = forms.ModelChoiceField(
        Subject.objects.all(), label=pgettext_lazy("school subject", "Subject"), required=False
    )
    age = forms.IntegerField(label=_("Pupils' age"), required=False, min_value=3, max_value=99)
    production = forms.ModelChoiceField(
        ProductionType.objects.all(), label=_("Final production"), required=False
    )
    max_weeks = forms.IntegerField(
        label=_("At most this many weeks"), required=False, min_value=1, max_value=520
    )


class KitChoiceMixin(forms.Form):
    """ "I would like to start from a kit": asked at sign-up, kept on the teacher's profile."""

    wants_kit = forms.BooleanField(
        label=_("I would like to start my first project from a kit (a ready pedagogical scenario)"),
        required=False,
    )
    preferred_kit = forms.ModelChoiceField(
        label=_("Kit I am interested in (optional)"),
        queryset=Kit.objects.all(),
        required=False,
        empty_label=_("No preference yet"),
    )


def add_kit_choice(form_class) -> None:
    """Give a form (accounts' sign-up) the kit choice, from the kits side.

    accounts sits below kits and must not import it, so kits extends the sign-up
    form when the apps are ready (kits.apps), instead of accounts mixing it in.
    """
    for name, field in KitChoiceMixin.base_fields.items():
        form_class.base_fields.setdefault(name, field)
        form_class.declared_fields.setdefault(name, field)
