from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.core.richtext import RichTextField
from jumelage.reference.models import Language

from .images import clean_cover
from .models import Comment, Post


class PostForm(forms.ModelForm):
    body = RichTextField(label=_("Text"), required=False)
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP. Its metadata (such as GPS position) is removed."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
    )
    remove_cover = forms.BooleanField(label=_("Remove the cover image"), required=False)

    class Meta:
        model = Post
        fields = ["title", "language", "body", "cover_alt"]
        help_texts = {
            "language": _("Screen readers and translation tools read the post in this language.")
        }

    def __init__(self, *args, project=None, author=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "language" not in self.initial:
            self.initial["language"] = default_language(project, author)

    def clean_cover(self):
        upload = self.cleaned_data.get("cover")
        if not upload:
            return None
        return clean_cover(upload)


def default_language(project, author) -> str | None:
    """The project's working language if it has just one, else the writer's own language."""
    if project is not None:
        codes = list(project.languages.values_list("code", flat=True)[:2])
        if len(codes) == 1:
            return codes[0]
    if author is not None and author.language:
        tags = [author.language, author.language.split("-")[0]]
        return Language.objects.filter(pk__in=tags).values_list("code", flat=True).first()
    return None


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should a teacher look at it?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BlogSettingsForm(forms.Form):
    blog_public = forms.BooleanField(
        label=_("Anyone may read the published posts (the blog is public)"), required=False
    )
