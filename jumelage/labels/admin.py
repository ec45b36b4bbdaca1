"""Staff edit the label rules (reference data) here; decisions are read-only history."""

from django.contrib import admin

from .models import Criterion, LabelRules, Window


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name_en", "max_points", "min_points", "position"]
    ordering = ["position"]


@admin.register(LabelRules)
class LabelRulesAdmin(admin.ModelAdmin):
    list_display = ["__str__", "min_activity_days", "yearly_cap", "european_share"]


@admin.register(Window)
class WindowAdmin(admin.ModelAdmin):
    list_display = ["kind", "opens_day", "opens_month", "closes_day", "closes_month"]
