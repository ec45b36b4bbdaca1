from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.core.richtext import RichTextField

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
        fields = ["title", "body", "cover_alt"]

    def clean_cover(self):
        upload = self.cleaned_data.get("cover")
        if not upload:
            return None
        return clean_cover(upload)


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
