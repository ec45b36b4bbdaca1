"""Root URL configuration: each app owns its URLs under one prefix.

TwinSpace apps live under projects/<project_id>/space/: their views take the
project from the URL and check it through projects.policies.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

SPACE = "projects/<int:project_id>/space/"

urlpatterns = [
    path("", include("jumelage.core.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("jumelage.accounts.urls")),
    path("schools/", include("jumelage.schools.urls")),
    path("kits/", include("jumelage.kits.urls")),
    path("translations/", include("jumelage.corrections.urls")),
    path("projects/", include("jumelage.projects.urls")),
    path(SPACE, include("jumelage.twinspace.urls")),
    path(SPACE + "pages/", include("jumelage.wiki.urls")),
    path(SPACE + "materials/", include("jumelage.materials.urls")),
    path(SPACE + "forum/", include("jumelage.forum.urls")),
    path(SPACE + "blog/", include("jumelage.blog.urls")),
    path(SPACE + "calendar/", include("jumelage.calendar.urls")),
    path("calendar/", include("jumelage.calendar.user_urls")),
    path(SPACE + "chat/", include("jumelage.chat.urls")),
    path(SPACE + "meetings/", include("jumelage.meetings.urls")),
    path("messages/", include("jumelage.messaging.urls")),
    path("notifications/", include("jumelage.notifications.urls")),
    path("partners/", include("jumelage.partners.urls")),
    path("support/", include("jumelage.network.urls")),
    path("training/", include("jumelage.training.urls")),
    path("texts/", include("jumelage.texts.urls")),
    path("groups/", include("jumelage.groups.urls")),
    path("audit/", include("jumelage.audit.urls")),
    path("portability/", include("jumelage.portability.urls")),
    path("showcase/", include("jumelage.showcase.urls")),
    path("labels/", include("jumelage.labels.urls")),
    path("prizes/", include("jumelage.prizes.urls")),
    path("sso/", include("jumelage.sso.urls")),
    path("statistics/", include("jumelage.statistics.urls")),
    path("", include("jumelage.observability.urls")),
]

handler404 = "jumelage.core.views.page_not_found"
handler500 = "jumelage.core.views.server_error"

if settings.JUMELAGE_BENCH_VIEW:
    # The benchmarks' floor (core/bare.py): routed only on a server being measured.
    from jumelage.core.bare import bare

    urlpatterns += [path("_bench/bare", bare, name="bench_bare")]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
