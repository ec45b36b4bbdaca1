import zoneinfo

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jumelage.core import fields as core_fields
from jumelage.core.richtext import RichTextField
from jumelage.reference.models import Department, Region

from . import policies
from .models import Registration, TrainingEvent

OVERSEAS = [
    "UTC",
    "Atlantic/Azores",
    "Atlantic/Canary",
    "Atlantic/Madeira",
    "America/Cayenne",
    "America/Guadeloupe",
    "America/Martinique",
    "Indian/Mayotte",
    "Indian/Reunion",
    "Asia/Nicosia",
]


def timezone_choices():
    europe = sorted(z for z in zoneinfo.available_timezones() if z.startswith("Europe/"))
    return [(z, z) for z in europe + [z for z in OVERSEAS if z in zoneinfo.available_timezones()]]


class WallClockField(core_fields.DateTimeField):
    """A date and time as read on a clock of the event's time zone (made aware in clean())."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        with timezone.override(zoneinfo.ZoneInfo("UTC")):
            moment = super().to_python(value)
        return moment.replace(tzinfo=None) if moment else moment


class TrainingEventForm(forms.ModelForm):
    description = RichTextField(label=_("Description"), required=False)
    online_url = forms.URLField(
        label=_("Link to join online"), required=False, assume_scheme="https"
    )
    timezone = forms.ChoiceField(label=_("Time zone"), choices=timezone_choices)
    starts_at = WallClockField(label=_("Starts"))
    ends_at = WallClockField(label=_("Ends"))
    registration_deadline = WallClockField(
        label=_("Registration deadline"), help_text=_("At the latest when the event starts.")
    )

    class Meta:
        model = TrainingEvent
        fields = [
            "title",
            "description",
            "kind",
            "level",
            "country",
            "region",
            "department",
            "online",
            "place",
            "online_url",
            "live",
            "timezone",
            "starts_at",
            "ends_at",
            "registration_deadline",
            "capacity",
            "published",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["region"].queryset = Region.objects.all()
        self.fields["department"].queryset = Department.objects.all()
        places = policies.organising_places(user) if user is not None else None
        if places is not None:
            # Offer only the levels and places this person organises for.
            levels = set().union(*(levels for levels, _place in places))
            self.fields["level"].choices = [
                (value, label) for value, label in TrainingEvent.Level.choices if value in levels
            ]
            countries = {p["country"] for _l, p in places if "country" in p}
            regions = {p["region"] for _l, p in places if "region" in p}
            departments = {p["department"] for _l, p in places if "department" in p}
            self.fields["country"].queryset = self.fields["country"].queryset.filter(
                code__in=countries
                | set(Region.objects.filter(pk__in=regions).values_list("country_id", flat=True))
                | set(
                    Department.objects.filter(pk__in=departments).values_list(
                        "region__country_id", flat=True
                    )
                )
            )
            self.fields["region"].queryset = Region.objects.filter(
                Q(country_id__in=countries) | Q(pk__in=regions) | Q(departments__pk__in=departments)
            ).distinct()
            self.fields["department"].queryset = Department.objects.filter(
                Q(region__country_id__in=countries)
                | Q(region_id__in=regions)
                | Q(pk__in=departments)
            )
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1
        if self.instance.pk:
            zone = zoneinfo.ZoneInfo(self.instance.timezone)
            for name in ("starts_at", "ends_at", "registration_deadline"):
                value = getattr(self.instance, name)
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def clean(self):
        data = super().clean()
        zone_name = data.get("timezone")
        if zone_name:
            zone = zoneinfo.ZoneInfo(zone_name)
            for name in ("starts_at", "ends_at", "registration_deadline"):
                if data.get(name) is not None:
                    data[name] = timezone.make_aware(data[name], zone)
        starts, ends = data.get("starts_at"), data.get("ends_at")
        deadline = data.get("registration_deadline")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        if starts and deadline and deadline > starts:
            self.add_error("registration_deadline", _("Registrations must close before the start."))
        level = data.get("level")
        department, region = data.get("department"), data.get("region")
        if department is not None:
            data["region"] = region = department.region
        if region is not None:
            data["country"] = region.country
        if level == TrainingEvent.Level.DEPARTMENTAL and department is None:
            self.add_error("department", _("Choose the département of a departmental event."))
        if level == TrainingEvent.Level.REGIONAL and region is None:
            self.add_error("region", _("Choose the académie or region of a regional event."))
        if level == TrainingEvent.Level.NATIONAL and data.get("country") is None:
            self.add_error("country", _("Choose the country of a national event."))
        placed = (
            level is None
            or self.user is None
            or policies.can_place_event(
                self.user,
                level,
                data.get("country") and data["country"].pk,
                region and region.pk,
                department and department.pk,
            )
        )
        if not placed:
            self.add_error(
                "level", _("You may organise events only at your own level and for your own place.")
            )
        if data.get("live"):  # a live session on the platform is an online event
            data["online"] = True
        if not data.get("online") and not (data.get("place") or "").strip():
            self.add_error("place", _("Give the place, or tick 'online'."))
        capacity = data.get("capacity")
        if self.instance.pk and capacity:
            taken = self.instance.registrations.filter(
                status=Registration.Status.REGISTERED
            ).count()
            if capacity < taken:
                self.add_error(
                    "capacity",
                    ngettext(
                        "%(count)s teacher already has a place: keep at least that many.",
                        "%(count)s teachers already have a place: keep at least that many.",
                        taken,
                    )
                    % {"count": taken},
                )
        return data
