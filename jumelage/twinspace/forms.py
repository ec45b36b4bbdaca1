from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.projects.models import Project

from .models import BulletinNote
from .registry import SETTINGS

MAX_ID = 2**63 - 1  # BigAutoField: a larger id is no object, never a database error


class BulletinNoteForm(forms.Form):
    body = forms.CharField(
        label=_("New note for the project's teachers"),
        max_length=BulletinNote.MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SpaceSettingsForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Settings kept by other apps (registry.register_space_setting), after ours.
        for setting in SETTINGS:
            self.fields[setting.name] = setting.field()
            if self.instance.pk:
                self.fields[setting.name].initial = setting.initial(self.instance)

    class Meta:
        model = Project
        fields = [
            "blog_public",
            "pupils_need_approval",
            "pupils_may_edit_pages",
            "pupils_may_start_topics",
            "open_to_visitors",
        ]
        help_texts = {
            "blog_public": _("Anyone may read the published blog posts; otherwise members only."),
            "pupils_need_approval": _(
                "Pupils' posts, replies and pages stay hidden until a teacher approves them."
            ),
            "pupils_may_edit_pages": _(
                "Pupils may create and edit the project's pages (unless a page says otherwise)."
            ),
            "pupils_may_start_topics": _(
                "Otherwise pupils reply in the forum; teachers and pupil administrators open topics."
            ),
            "open_to_visitors": _(
                "Visitors see the pages that keep the project's settings; never pupils' surnames."
            ),
        }


class ModerationForm(forms.Form):
    content_type = forms.CharField(max_length=100)
    object_id = forms.IntegerField(min_value=1, max_value=MAX_ID)
    action = forms.ChoiceField(
        choices=[("hide", _("Hide")), ("restore", _("Restore")), ("approve", _("Approve"))]
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class ReportForm(forms.Form):
    content_type = forms.CharField(max_length=100)
    object_id = forms.IntegerField(min_value=1, max_value=MAX_ID)
    reason = forms.CharField(
        label=_("Why do you report this?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search this TwinSpace"), max_length=100, required=False)


class RoleRightsForm(forms.Form):
    """Who views and edits one page or section (projects.models.RoleRights).

    Teachers always do both; visitors never edit. Only teachers open to visitors and
    archive (`teacher`): those fields are removed for a pupil administrator, so a
    forged post changes nothing. `archive`: the thing can be archived (pages).
    """

    follow_defaults = forms.BooleanField(
        label=_("Follow the project's settings (ignore the choices below)"), required=False
    )
    pupils_view = forms.BooleanField(label=_("Pupils may view"), required=False)
    pupils_edit = forms.BooleanField(label=_("Pupils may edit"), required=False)
    pupil_admins_view = forms.BooleanField(label=_("Pupil administrators may view"), required=False)
    pupil_admins_edit = forms.BooleanField(label=_("Pupil administrators may edit"), required=False)
    visitors_view = forms.BooleanField(
        label=_("Visitors may view (never pupils' surnames)"), required=False
    )
    archived = forms.BooleanField(
        label=_("Archived: kept for reading, nobody edits it"), required=False
    )

    TEACHERS_ONLY = ("visitors_view", "archived")

    def __init__(self, *args, teacher=False, archive=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not archive:
            del self.fields["archived"]
        if not teacher:
            for name in self.TEACHERS_ONLY:
                self.fields.pop(name, None)

    def clean(self):
        data = super().clean()
        for role in ("pupils", "pupil_admins"):
            if data.get(f"{role}_edit") and not data.get(f"{role}_view"):
                self.add_error(f"{role}_edit", _("Who may edit must also be able to view."))
        return data
