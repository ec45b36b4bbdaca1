"""Deleting a page."""

import pytest

from jumelage.audit.models import AuditEntry
from jumelage.wiki import services

from .helpers import url

pytestmark = pytest.mark.django_db


def test_deleting_a_page_moves_its_sub_pages_up_and_is_audited(client, project, admin, page):
    child = services.create_page(project, admin, "Child", "", parent=page)
    client.force_login(admin)
    assert client.post(url("delete", project, page_id=page.pk)).status_code == 302
    child.refresh_from_db()
    assert child.parent is None
    assert AuditEntry.objects.get(action="wiki.page_deleted").data == {"title": page.title}
    assert client.post(url("delete", project, page_id=page.pk)).status_code == 404
