from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.core.sanitising import plain_text


class ApplicationForm(forms.Form):
    statement = forms.CharField(
        label=_("What the project achieved"),
        help_text=_("Tell the office what the pupils did together and what came of it."),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=4000,
    )

    def clean_statement(self):
        return plain_text(self.cleaned_data["statement"])


class DecisionForm(forms.Form):
    """One field per criterion (its points as the maximum), comments and the decision."""

    AWARD, REFUSE = "award", "refuse"

    comments = forms.CharField(
        label=_("Comments for the applicant"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(AWARD, _("Award the label")), (REFUSE, _("Do not award the label"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        scores = {}
        for criterion in criteria:
            minimum = (
                _(" (minimum %(min)s)") % {"min": criterion.min_points}
                if criterion.min_points is not None
                else ""
            )
            scores[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} — /{criterion.max_points}{minimum}",
                min_value=0,
                max_value=criterion.max_points,
                help_text=criterion.help,
            )
        self.fields = {**scores, **self.fields}

    def points(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class EuropeanForm(forms.Form):
    comments = forms.CharField(
        label=_("Comments"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (DecisionForm.AWARD, _("Award the label")),
            (DecisionForm.REFUSE, _("Do not award the label")),
        ],
        widget=forms.RadioSelect,
    )


class SchoolLabelForm(forms.Form):
    head_name = forms.CharField(label=_("Name of the head of the school"), max_length=200)
    head_declaration = forms.BooleanField(
        label=_(
            "The head of the school declares that the school supports its teachers' "
            "eTwinning work and that the information given is true."
        )
    )
