"""Saving corrections and laying them over the gettext catalogues of this process.

Django keeps one merged catalogue per language and process. A correction is written
into it (it wins over the .po), and a version number in the cache tells every other
process to re-read its catalogues and the corrections (checked at most every
CHECK_SECONDS per process, so a correction shows everywhere within that delay).
"""

import gettext as gettext_module
import time

import polib
from asgiref.local import Local
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import trans_real

from jumelage.audit.services import record

from .models import Correction

VERSION_KEY = "corrections:version"
CHECK_SECONDS = 10
_state = {"version": None, "checked": 0.0, "applied": set()}


def _key(context: str, msgid: str) -> str:
    return f"{context}\x04{msgid}" if context else msgid


def save(user, language: str, context: str, msgid: str, text: str) -> Correction | None:
    """Store (or, with an empty text, remove) a correction; every process picks it up."""
    with transaction.atomic():
        if text.strip():
            correction, _created = Correction.objects.update_or_create(
                language=language,
                context=context,
                msgid=msgid,
                defaults={"text": text, "updated_by": user},
            )
        else:
            Correction.objects.filter(language=language, context=context, msgid=msgid).delete()
            correction = None
        record(user, "corrections.saved", None, language=language, msgid=msgid[:200])
    transaction.on_commit(_bump)
    return correction


def _bump() -> None:
    cache.set(VERSION_KEY, str(timezone.now().timestamp()), None)
    _state["checked"] = 0.0


def ensure(language: str) -> None:
    """Make this process's catalogue of `language` carry the current corrections."""
    now = time.monotonic()
    if now - _state["checked"] >= CHECK_SECONDS:
        _state["checked"] = now
        version = cache.get(VERSION_KEY)
        if version != _state["version"]:
            if _state["applied"]:
                # Re-read the .mo files (as Django does when a catalogue file changes):
                # a removed correction gives the shipped translation back.
                gettext_module._translations = {}
                trans_real._translations = {}
                trans_real._default = None
                trans_real._active = Local()
            _state["version"] = version
            _state["applied"] = set()
    if language in _state["applied"]:
        return
    _state["applied"].add(language)
    catalogue = trans_real.translation(language)._catalog
    for context, msgid, text in Correction.objects.filter(language=language).values_list(
        "context", "msgid", "text"
    ):
        catalogue[_key(context, msgid)] = text


def as_po(language: str) -> str:
    """The corrections of a language as a .po file, to merge into the catalogues."""
    po = polib.POFile()
    po.metadata = {
        "Language": language,
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for c in Correction.objects.filter(language=language).order_by("context", "msgid"):
        po.append(polib.POEntry(msgctxt=c.context or None, msgid=c.msgid, msgstr=c.text))
    return str(po)
