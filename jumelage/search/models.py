"""The search index: one flattened row per findable teacher.

The relational data stays in accounts/schools/partners; this table is a
denormalised copy kept current by `services.index_teachers`, so that one
indexed lookup answers a search. PostgreSQL adds a generated `vector`
tsvector column with a GIN index, SQLite an FTS5 table kept in step by
triggers (both created by the migrations, per database vendor).
"""

from django.conf import settings
from django.db import models


class SearchDocument(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    # Strongest weight: the teacher's name and their schools' names.
    name = models.TextField()
    # Presentation, subjects, languages, towns, countries, open partner requests.
    body = models.TextField()
    # Filter tokens ("xfcfr xfsart ..."), see jumelage.search.documents.facet.
    facets = models.TextField()
    # Ranks results when no text is given: the recently active first
    # (User.last_seen_at, else date_joined; never null so one index serves the order).
    active_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["-active_at", "user"], name="search_doc_activity"),
        ]

    def __str__(self) -> str:
        return self.name
