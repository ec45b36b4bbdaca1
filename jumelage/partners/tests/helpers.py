from datetime import date

from jumelage.partners import services
from jumelage.reference.models import AgeBand, Country, Language, Subject
from jumelage.testing import make_teacher


def login(client, user):
    client.force_login(user)
    return client


def profile(user, subjects=(), languages=(), ages=(), presentation=None):
    p = user.teacher_profile
    p.subjects.set(Subject.objects.filter(code__in=subjects))
    p.languages.set(Language.objects.filter(code__in=languages))
    p.age_bands.set(AgeBand.objects.filter(min_age__in=ages))
    if presentation is not None:
        p.presentation = presentation
        p.save()
    return user


def request_data(**overrides):
    data = {
        "title": "Un journal de classe européen",
        "description": "Nos élèves écrivent un journal avec une classe partenaire.",
        "subjects": list(Subject.objects.filter(code__in=["history", "art"])),
        "age_bands": list(AgeBand.objects.filter(min_age__in=[10, 11])),
        "languages": list(Language.objects.filter(code__in=["en", "fr"])),
        "wished_countries": list(Country.objects.filter(code__in=["DE"])),
        "duration": "year",
        "start_month": date(date.today().year + 1, 9, 1),
    }
    data.update(overrides)
    return data


def post_data(**overrides):
    """The same as a browser form post."""
    data = {
        "title": "Un journal de classe européen",
        "description": "Nos élèves écrivent un journal avec une classe partenaire.",
        "subjects": ["history", "art"],
        "age_bands": ["10", "11"],
        "languages": ["en", "fr"],
        "wished_countries": ["DE"],
        "duration": "year",
        "start_month": f"{date.today().year + 1}-09",
    }
    data.update(overrides)
    return data


def make_request(author=None, **overrides):
    author = author or make_teacher("FR")
    return services.create_request(author, request_data(**overrides))
