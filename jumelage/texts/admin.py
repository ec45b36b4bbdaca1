from django.contrib import admin

from .models import OfficialText


@admin.register(OfficialText)
class OfficialTextAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "published_on", "country", "language", "published"]
    list_filter = ["kind", "country", "language", "published"]
    search_fields = ["title", "reference"]
    date_hierarchy = "published_on"
    exclude = ["created_by"]
