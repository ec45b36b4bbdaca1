from django.contrib import admin

from .models import MeetingRoom, ScheduledMeeting


@admin.register(MeetingRoom)
class MeetingRoomAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "opened_at", "external_url"]
    raw_id_fields = ["project", "opened_by", "created_by"]


admin.site.register(ScheduledMeeting, raw_id_fields=["event", "room"])
