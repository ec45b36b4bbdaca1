"""The static files' storage, whose addresses are worked out once per process.

A page names 17-22 static files (stylesheet, scripts, the icon sprite of every icon):
each `{% static %}` joined and quoted the same path again, about 50 Python calls. The
address of a name does not change while the process runs (no hashed names here; a
deployment restarts the workers), so it is kept.
"""

from django.contrib.staticfiles.storage import StaticFilesStorage

MAX_NAMES = 1024  # the names the templates and code use; anything beyond is not kept


class StaticFiles(StaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name):
        found = self._urls.get(name)
        if found is None:
            found = super().url(name)
            if len(self._urls) < MAX_NAMES:
                self._urls[name] = found
        return found
