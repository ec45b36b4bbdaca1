"""Platform admins create the competition and name its jury here."""

from django.contrib import admin

from .models import AgeCategory, Competition


@admin.register(Competition)
class CompetitionAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "status"]
    filter_horizontal = ["jury"]


@admin.register(AgeCategory)
class AgeCategoryAdmin(admin.ModelAdmin):
    list_display = ["name_en", "min_age", "max_age"]
