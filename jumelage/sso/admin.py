from django.contrib import admin

from .models import IdentityLink


@admin.register(IdentityLink)
class IdentityLinkAdmin(admin.ModelAdmin):
    """Operators can see and remove a link (the person then links again at the next login)."""

    list_display = ["user", "provider", "subject", "created_at", "last_login_at"]
    list_filter = ["provider"]
    search_fields = ["user__email", "subject"]
    raw_id_fields = ["user"]
    readonly_fields = ["user", "provider", "issuer", "subject", "created_at", "last_login_at"]

    def has_add_permission(self, request):
        return False
