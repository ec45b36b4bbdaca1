from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from jumelage.core import fields as core_fields

from .models import Event
from .zones import zone_choices


class LocalDateTimeField(core_fields.DateTimeField):
    """A wall-clock date and time (no zone yet: the event's zone is another field)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_error_messages = {
        "invalid": _("Enter a date and time, for example 2026-10-24 10:00."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        text = str(value).strip().replace(" ", "T")
        try:
            return datetime.fromisoformat(text).replace(second=0, microsecond=0, tzinfo=None)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


def _exists(local: datetime, tz: ZoneInfo) -> bool:
    """False for a wall-clock time skipped when clocks go forward."""
    aware = local.replace(tzinfo=tz)
    return aware.astimezone(ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None) == local


class EventForm(forms.ModelForm):
    start = LocalDateTimeField(label=_("Starts"))
    end = LocalDateTimeField(label=_("Ends"))
    timezone = forms.ChoiceField(
        label=_("Time zone of these times"), choices=zone_choices, initial="Europe/Paris"
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("For an online event: the address of the meeting."),
    )

    class Meta:
        model = Event
        fields = ["title", "description", "place", "online_url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, viewer_zone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance
        if event.pk:
            tz = ZoneInfo(event.timezone)
            self.initial.setdefault("timezone", event.timezone)
            self.initial.setdefault("start", event.starts_at.astimezone(tz).replace(tzinfo=None))
            self.initial.setdefault("end", event.ends_at.astimezone(tz).replace(tzinfo=None))
        elif viewer_zone:
            self.initial.setdefault("timezone", viewer_zone)

    def clean(self):
        data = super().clean()
        start, end, name = data.get("start"), data.get("end"), data.get("timezone")
        if start is None or end is None or not name:
            return data
        tz = ZoneInfo(name)
        for field, local in (("start", start), ("end", end)):
            if not _exists(local, tz):
                self.add_error(
                    field,
                    _("This time does not exist in %(zone)s (the clocks go forward).")
                    % {"zone": name},
                )
        if self.errors:
            return data
        data["starts_at"] = start.replace(tzinfo=tz)
        data["ends_at"] = end.replace(tzinfo=tz)
        if data["ends_at"] <= data["starts_at"]:
            self.add_error("end", _("The event must end after it starts."))
        return data

    def event_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "place": data["place"],
            "online_url": data["online_url"],
            "timezone": data["timezone"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
        }


class TimezoneForm(forms.Form):
    timezone = forms.ChoiceField(
        label=_("My time zone"),
        required=False,
        choices=lambda: [("", _("My school's time zone")), *zone_choices()],
        help_text=_("Calendars show every event at your local time."),
    )
