from django.contrib import admin

from .models import HelpReply, HelpRequest, SupportRole


@admin.register(SupportRole)
class SupportRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "country", "region", "department", "can_verify", "listed"]
    list_filter = ["role", "country", "can_verify", "listed"]
    search_fields = ["user__email", "user__display_name", "public_email"]
    raw_id_fields = ["user"]


class HelpReplyInline(admin.TabularInline):
    model = HelpReply
    extra = 0
    raw_id_fields = ["author"]


@admin.register(HelpRequest)
class HelpRequestAdmin(admin.ModelAdmin):
    list_display = ["subject", "teacher", "country", "region", "status", "updated_at"]
    list_filter = ["status", "topic", "country"]
    search_fields = ["subject", "teacher__email"]
    raw_id_fields = ["teacher"]
    inlines = [HelpReplyInline]
