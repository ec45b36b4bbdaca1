"""Every shipped language: complete catalogues, the right plurals, intact placeholders."""

from pathlib import Path

import polib
import pytest
from babel.messages.plurals import get_plural
from django.conf import settings
from django.urls import reverse

from jumelage.core.l10n import COUNTS, marks

ROOT = Path(settings.BASE_DIR) / "jumelage"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]


def apps_with_catalogues() -> list[Path]:
    """Every app that has a catalogue: the French ones are the templates."""
    return sorted(p.parents[2] for p in ROOT.rglob("locale/fr/LC_MESSAGES/django.po"))


def test_english_and_french_are_shipped_and_every_language_named_in_itself():
    names = dict(settings.LANGUAGES)
    assert settings.LANGUAGE_CODE == "en" and list(names)[0] == "en"
    assert names["fr"] == "Français"
    assert set(names) <= set(settings.ALL_LANGUAGE_CODES)
    assert len(settings.ALL_LANGUAGE_CODES) == 28


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogues_are_complete_with_plurals_and_placeholders_kept(code):
    rule = get_plural(code)
    problems = []
    for app in apps_with_catalogues():
        path = app / code / "LC_MESSAGES" / "django.po"
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        po = polib.pofile(str(path))
        header = po.metadata.get("Plural-Forms", "")
        if f"nplurals={rule.num_plurals};" not in header.replace(" ", ""):
            problems.append(f"{path}: Plural-Forms {header!r}, Babel says {rule.plural_forms}")
        for e in po:
            if e.obsolete:
                continue
            where = f"{path.relative_to(ROOT)}: {e.msgid!r}"
            if not e.translated() or "fuzzy" in e.flags:
                problems.append(f"{where}: untranslated or fuzzy")
            elif e.msgid_plural:
                if sorted(e.msgstr_plural) != list(range(rule.num_plurals)):
                    problems.append(f"{where}: {len(e.msgstr_plural)} plural forms")
                allowed = set(marks(e.msgid)) | set(marks(e.msgid_plural))
                needed = set(marks(e.msgid_plural)) - COUNTS
                for form in e.msgstr_plural.values():
                    if not set(marks(form)) <= allowed or needed - set(marks(form)):
                        problems.append(f"{where}: placeholders {marks(form)}")
            elif marks(e.msgstr) != marks(e.msgid):
                problems.append(f"{where}: placeholders {marks(e.msgstr)}")
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:30])


# --- Choosing a language, and content in the reader's language -------------------------

SHIPPED = [code for code, _name in settings.LANGUAGES]


def catalogue(code: str, msgid: str, context: str | None = None) -> str:
    """The catalogue's translation of a msgid: what a reader of `code` must see."""
    from django.utils import translation

    with translation.override(code):
        return translation.pgettext(context, msgid) if context else translation.gettext(msgid)


@pytest.mark.django_db
@pytest.mark.parametrize("code", SHIPPED)
def test_first_visit_speaks_the_browsers_language(client, code):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=f"{code},en;q=0.5").text
    assert f'<html lang="{code}" dir="ltr"' in html
    skip = catalogue(code, "Skip to main content")
    assert code == "en" or skip != "Skip to main content"
    assert skip in html
    # The menu names every language in itself, marked with its own language.
    for other, name in settings.LANGUAGES:
        assert f'lang="{other}"' in html and f">{name}</option>" in html


@pytest.mark.django_db
def test_the_menu_switches_language_and_the_profile_keeps_it(client):
    from jumelage.testing import make_teacher

    target = SHIPPED[-1]
    teacher = make_teacher("FR")
    client.force_login(teacher)
    client.post(reverse("core:set_language"), {"language": target, "next": "/"})
    teacher.refresh_from_db()
    assert teacher.language == target
    client.cookies.clear()
    client.force_login(teacher)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").text
    assert f'<html lang="{target}"' in html


@pytest.mark.django_db
def test_a_pupil_gets_the_language_of_their_schools_country():
    from jumelage.projects import services
    from jumelage.projects.access import access_for
    from jumelage.testing import add_member, make_project, make_teacher

    project = make_project()
    german = add_member(project, make_teacher("DE"))
    type(german).objects.filter(pk=german.pk).update(language="en")
    german.refresh_from_db()
    ((pupil, _password),) = services.create_pupils(access_for(german, project), ["Lena"])
    assert pupil.language == ("de" if "de" in SHIPPED else "en")


@pytest.mark.django_db
@pytest.mark.skipif("de" not in SHIPPED, reason="German is not shipped")
def test_an_email_to_a_german_teacher_from_a_french_colleague_is_in_german(client):
    from django.core import mail

    from jumelage.testing import make_teacher

    french, german = make_teacher("FR"), make_teacher("DE")
    type(french).objects.filter(pk=french.pk).update(language="fr")
    type(german).objects.filter(pk=german.pk).update(language="de")
    client.force_login(french)
    client.post(reverse("core:set_language"), {"language": "fr", "next": "/"})
    response = client.post(
        reverse("messaging:compose"), {"to": german.pk, "subject": "Partenariat", "body": "Bonjour"}
    )
    assert response.status_code == 302
    [email] = [m for m in mail.outbox if german.email in m.to]
    hello = catalogue("de", "Read and answer:")
    assert hello != "Read and answer:" and hello in email.body
    assert catalogue("fr", "Read and answer:") not in email.body


@pytest.mark.django_db
def test_country_and_language_names_come_from_cldr_in_the_readers_language():
    from django.utils import translation

    from jumelage.reference.models import AgeBand, Country, Language

    germany, polish = Country.objects.get(code="DE"), Language.objects.get(code="pl")
    with translation.override("pl"):
        assert (germany.name, polish.name) == ("Niemcy", "Polski")
    with translation.override("el"):
        assert germany.name == "Γερμανία"
    with translation.override("fr"):
        assert (germany.name, polish.name) == ("Allemagne", "Polonais")
    with translation.override("en"):
        assert str(AgeBand.objects.get(min_age=7)) == "7 years"


def test_every_shipped_reference_row_and_kit_text_is_a_msgid():
    from django.utils import translation

    from jumelage.kits import msgids as kit_msgids
    from jumelage.kits.data import KITS
    from jumelage.labels import msgids as label_msgids
    from jumelage.labels.data import CRITERIA
    from jumelage.prizes import msgids as prize_msgids
    from jumelage.prizes.data import CATEGORIES
    from jumelage.reference import msgids
    from jumelage.reference.data import PRODUCTION_TYPES, SUBJECTS

    with translation.override("en"):
        names = {str(m) for m in msgids.MSGIDS}
        texts = {str(m) for m in kit_msgids.MSGIDS}
        labels = {str(m) for m in label_msgids.MSGIDS + prize_msgids.MSGIDS}
    assert {row[1] for row in SUBJECTS + PRODUCTION_TYPES} <= names
    assert {text for row in CRITERIA for text in (row[3], row[5])} <= labels
    assert {row[3] for row in CATEGORIES} <= labels
    for kit in KITS:
        assert {kit["title_en"], kit["summary_en"]} <= texts
        assert {step[0] for step in kit["steps"]} <= texts
        assert {step[2] for step in kit["steps"]} <= texts


@pytest.mark.django_db
def test_the_profile_edits_the_language_and_the_next_page_speaks_it(client):
    from jumelage.testing import make_teacher

    target = SHIPPED[-1]
    teacher = make_teacher("FR")
    client.force_login(teacher)
    form = client.get(reverse("accounts:profile_edit")).text
    assert f'<option value="{target}">{dict(settings.LANGUAGES)[target]}</option>' in form
    response = client.post(
        reverse("accounts:profile_edit"),
        {"display_name": "Anne", "language": target},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.language == target
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en", follow=True).text
    assert f'<html lang="{target}"' in page and catalogue(target, "Your profile is saved.") in page


@pytest.mark.django_db
def test_a_projects_description_is_tagged_with_its_single_working_language(client):
    from jumelage.testing import make_project

    project = make_project(description="<p>Wir schreiben zusammen.</p>")
    founder = project.memberships.filter(is_founder=True).first().user
    client.force_login(founder)
    url = reverse("projects:detail", args=[project.pk])
    project.languages.set(["de"])
    assert '<div class="richtext" lang="de"><p>Wir schreiben' in client.get(url).text
    project.languages.set(["de", "fr"])
    assert '<div class="richtext"><p>Wir schreiben' in client.get(url).text


def _msgids(po_files) -> dict[str, set]:
    found = {}
    for path, relative in po_files:
        found[relative] = {
            (e.msgctxt, e.msgid, e.msgid_plural) for e in polib.pofile(str(path)) if not e.obsolete
        }
    return found


def test_the_catalogues_hold_every_message_of_the_code(tmp_path):
    """`make messages` has been run: a message added to the code without it would show in
    English in every language while the catalogues still look complete."""
    import shutil
    import subprocess
    import sys

    if not shutil.which("xgettext"):
        pytest.skip("gettext is not installed")
    base = Path(settings.BASE_DIR)

    def only_french(directory, names):
        if Path(directory).name == "locale":
            return [n for n in names if n != "fr"]
        return [n for n in names if n == "__pycache__" or n == "tests"]

    shutil.copytree(base / "jumelage", tmp_path / "jumelage", ignore=only_french)
    shutil.copy(base / "manage.py", tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--ignore", "*/tests/*"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    pattern = "**/locale/fr/LC_MESSAGES/django.po"
    shipped = _msgids((p, p.relative_to(base)) for p in base.joinpath("jumelage").glob(pattern))
    made = _msgids(
        (p, p.relative_to(tmp_path)) for p in tmp_path.joinpath("jumelage").glob(pattern)
    )
    missing = {
        str(path): sorted(m[1] for m in made[path] - shipped.get(path, set()))[:5]
        for path in made
        if made[path] - shipped.get(path, set())
    }
    assert not missing, f"run `make messages` and translate: {missing}"


def _french_addressing_the_reader() -> set:
    import re

    address = re.compile(r"\b(vous|votre|vos)\b", re.I)
    found = set()
    for po in ROOT.glob("**/locale/fr/LC_MESSAGES/django.po"):
        for e in polib.pofile(str(po)):
            forms = list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr]
            if not e.obsolete and any(address.search(f) for f in forms):
                found.add((e.msgctxt or None, e.msgid, e.msgid_plural or None))
    return found


def test_every_french_message_that_says_vous_has_a_tu_for_pupils():
    """Pupils are children: French says "tu" to them (jumelage/locale/fr_Pupil), in the
    tools they share with teachers too; `scripts/l10n.py pupil-todo` lists what is left."""
    variant = polib.pofile(str(ROOT / "locale" / "fr_Pupil" / "LC_MESSAGES" / "django.po"))
    have = {(e.msgctxt or None, e.msgid, e.msgid_plural or None): e for e in variant}
    missing = _french_addressing_the_reader() - set(have)
    assert not missing, f"`scripts/l10n.py pupil-todo`: {sorted(m[1] for m in missing)[:5]}"
    french = {
        (e.msgctxt or None, e.msgid, e.msgid_plural or None)
        for po in ROOT.glob("**/locale/fr/LC_MESSAGES/django.po")
        for e in polib.pofile(str(po))
        if not e.obsolete
    }
    assert set(have) <= french, "variants of messages the code no longer has"
    for e in variant:
        for form in e.msgstr_plural.values() if e.msgid_plural else [e.msgstr]:
            assert form and (marks(form) == marks(e.msgid) or e.msgid_plural), e.msgid


@pytest.mark.django_db
def test_a_pupil_reads_tu_where_a_teacher_reads_vous_and_the_page_is_french(client):
    from jumelage.accounts.models import User
    from jumelage.forum.tests.helpers import start_topic
    from jumelage.testing import make_project, make_pupil

    project = make_project()
    teacher, pupil = project.created_by, make_pupil(project)
    User.objects.filter(pk__in=[teacher.pk, pupil.pk]).update(language="fr")
    topic = start_topic(project, teacher, "Nos villes", "<p>Bonjour</p>")
    url = reverse("forum:topic_detail", kwargs={"project_id": project.pk, "topic_id": topic.pk})
    client.force_login(pupil)
    page = client.get(url).text
    assert "Ta réponse" in page and "Votre réponse" not in page
    assert '<html lang="fr"' in page and "Répondre" in page  # the rest: French as usual
    client.force_login(teacher)
    assert "Votre réponse" in client.get(url).text


@pytest.mark.django_db
def test_what_is_written_to_a_french_pupil_says_tu_and_to_a_teacher_vous():
    """Notifications and live errors are written in the reader's catalogue, not only pages."""
    from django.utils import translation

    from jumelage.testing import make_project, make_pupil

    project = make_project()
    teacher, pupil = project.created_by, make_pupil(project)
    teacher.language = pupil.language = "fr"
    with translation.override(pupil.reading_language):
        assert translation.gettext("Your message is published.") == "Ton message est publié."
    with translation.override(teacher.reading_language):
        assert translation.gettext("Your message is published.") == "Votre message est publié."
