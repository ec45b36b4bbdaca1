from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.reference.models import ProductionType, Subject


class KitFilterForm(forms.Form):
    q = forms.CharField(label=_("Words in the title or summary"), required=False, max_length=100)
    subject = forms.ModelChoiceField(Subject.objects.all(), label=_("Subject"), required=False)
    age = forms.IntegerField(label=_("Pupils' age"), required=False, min_value=3, max_value=99)
    production = forms.ModelChoiceField(
        ProductionType.objects.all(), label=_("Final production"), required=False
    )
    max_weeks = forms.IntegerField(
        label=_("At most this many weeks"), required=False, min_value=1, max_value=520
    )
