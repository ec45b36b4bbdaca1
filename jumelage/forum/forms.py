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
    title = forms.CharField(label=_("Title"), max_length=200)
    body = RichTextField(label=_("Message"))

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
