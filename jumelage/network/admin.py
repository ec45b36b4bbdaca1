from django.contrib import admin

from .models import SupportRole


@admin.register(SupportRole)
class SupportRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "country", "region", "department", "can_verify", "listed"]
    list_filter = ["role", "country", "can_verify"]
    raw_id_fields = ["user"]
