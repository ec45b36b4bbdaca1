from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jumelage.core import fields as core_fields

from .models import Capacity, MeetingRoom


class RoomForm(forms.ModelForm):
    class Meta:
        model = MeetingRoom
        fields = ["title", "capacity", "external_url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].required = False  # left out: one device per class

    def clean_capacity(self):
        return self.cleaned_data.get("capacity") or Capacity.CLASSES


class FindTimeForm(forms.Form):
    first_day = core_fields.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    days = forms.IntegerField(label=_("Number of days"), min_value=1, max_value=21, initial=7)
    duration = forms.IntegerField(
        label=_("Duration in minutes"), min_value=15, max_value=240, initial=45
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_day"].initial = timezone.localdate() + timedelta(days=1)


class ScheduleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = core_fields.DateTimeField(label=_("Start (UTC)"), widget=forms.HiddenInput)
    duration = forms.IntegerField(min_value=15, max_value=240, widget=forms.HiddenInput)
    room = forms.ModelChoiceField(
        label=_("Room"), queryset=MeetingRoom.objects.none(), required=False
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = MeetingRoom.objects.filter(project=project)
