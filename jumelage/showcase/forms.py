from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.projects.models import Visibility
from jumelage.wiki.models import Page


class ChoicesForm(forms.Form):
    """What goes into the site: the blog's published posts, and the chosen pages."""

    include_blog = forms.BooleanField(
        label=_("Include the blog's published posts"),
        required=False,
    )
    pages = forms.ModelMultipleChoiceField(
        label=_("Pages to include"),
        queryset=Page.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only published pages can be chosen."),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pages"].queryset = Page.objects.filter(
            project=project, visibility=Visibility.PUBLISHED
        ).order_by("position", "pk")
