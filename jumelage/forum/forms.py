from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.core.richtext import RichTextField
from jumelage.projects.models import Visibility


class BodyMixin:
    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip() or body.strip() in ("<p></p>", "<p><br></p>"):
            raise forms.ValidationError(_("Write a message."))
        return body


class TopicForm(BodyMixin, forms.Form):
    """`categories`: those the author may post in (None for "General"), offered as a
    choice when the forum has categories; on an edit, only to those who may move the
    topic (`policies.can_move_topic`)."""

    category = forms.TypedChoiceField(label=_("Category"), coerce=int, empty_value=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = RichTextField(label=_("Message"))

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {c.pk if c else 0: c for c in categories}
        if not any(self.categories.values()):
            del self.fields["category"]
            return
        self.fields["category"].choices = [
            (pk, str(c) if c else _("General")) for pk, c in self.categories.items()
        ]

    def clean_category(self):
        return self.categories.get(self.cleaned_data["category"])

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the topic a title."))
        return title


class PostForm(BodyMixin, forms.Form):
    body = RichTextField(label=_("Your reply"))


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with it? (optional)"), max_length=1000, required=False
    )


class ModerateForm(forms.Form):
    visibility = forms.ChoiceField(
        choices=[(Visibility.PUBLISHED, _("Publish")), (Visibility.HIDDEN, _("Hide"))]
    )


class CategoryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    position = forms.IntegerField(
        label=_("Position (smaller first)"), min_value=0, max_value=10000, required=False
    )
