from django.contrib import admin

from .models import School, SchoolHoliday, SchoolMembership, VerificationCall


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "town", "country", "national_id", "status", "head_confirmed_at"]
    list_filter = ["status", "country"]
    search_fields = ["name", "town", "national_id"]
    raw_id_fields = ["registered_by"]


@admin.register(VerificationCall)
class VerificationCallAdmin(admin.ModelAdmin):
    list_display = ["school", "called_at", "outcome", "staff"]
    list_filter = ["outcome"]
    raw_id_fields = ["school", "staff"]


admin.site.register(SchoolMembership, raw_id_fields=["user", "school"])


@admin.register(SchoolHoliday)
class SchoolHolidayAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "region", "first_day", "last_day"]
    list_filter = ["country"]
    date_hierarchy = "first_day"
