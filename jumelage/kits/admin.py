from django.contrib import admin

from . import policies
from .models import Kit, KitStep


class KitStepInline(admin.StackedInline):
    model = KitStep
    extra = 0


@admin.register(Kit)
class KitAdmin(admin.ModelAdmin):
    list_display = ["title_en", "title_fr", "age_min", "age_max", "duration_weeks", "published"]
    list_filter = ["published", "subjects"]
    search_fields = ["title_en", "title_fr"]
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["subjects"]
    inlines = [KitStepInline]

    # Admin access alone is not enough: kits.policies decides who manages kits.
    def has_view_permission(self, request, obj=None):
        return policies.can_manage_kits(request.user)

    def has_module_permission(self, request):
        return policies.can_manage_kits(request.user)

    def has_add_permission(self, request):
        return policies.can_manage_kits(request.user)

    def has_change_permission(self, request, obj=None):
        return policies.can_manage_kits(request.user)

    def has_delete_permission(self, request, obj=None):
        return policies.can_manage_kits(request.user)
