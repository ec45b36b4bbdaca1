"""Database sessions, read by a prepared query: every signed-in request reads its session.

The same table, rows and encoding as Django's `db` engine (sessions survive the switch
either way); only the read differs: the row found by its key alone, through a query
built and compiled once per process (`core.prepared`), its expiry compared here.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from jumelage.core.prepared import Prepared

_BY_KEY = Prepared(
    lambda session_key: Session.objects.filter(session_key=session_key), session_key=str
)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        key = self.session_key
        session = _BY_KEY.first(session_key=key) if isinstance(key, str) else None
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        return session
