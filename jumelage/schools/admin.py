from django.contrib import admin

from .models import School, SchoolMembership


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "town", "country", "national_id", "status"]
    list_filter = ["status", "country"]
    search_fields = ["name", "town", "national_id"]


admin.site.register(SchoolMembership, raw_id_fields=["user", "school"])
