from django.contrib import admin

from .models import InactivityNotice


@admin.register(InactivityNotice)
class InactivityNoticeAdmin(admin.ModelAdmin):
    list_display = ["user", "stage", "sent_at"]
    list_filter = ["stage"]
    raw_id_fields = ["user"]
