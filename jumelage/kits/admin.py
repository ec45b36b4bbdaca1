from django.contrib import admin

from .models import Kit, KitStep


class KitStepInline(admin.StackedInline):
    model = KitStep
    extra = 0


@admin.register(Kit)
class KitAdmin(admin.ModelAdmin):
    list_display = ["title_en", "title_fr", "age_min", "age_max", "duration_weeks", "published"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [KitStepInline]
