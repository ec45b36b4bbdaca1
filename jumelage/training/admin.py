from django.contrib import admin

from .models import Registration, TrainingEvent


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    raw_id_fields = ["user"]


@admin.register(TrainingEvent)
class TrainingEventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "level", "country", "starts_at", "capacity", "published"]
    list_filter = ["kind", "level", "country", "online", "published"]
    search_fields = ["title"]
    filter_horizontal = ["organisers"]
    inlines = [RegistrationInline]
