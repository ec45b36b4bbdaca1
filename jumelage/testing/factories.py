"""Factories and helpers shared by every app's tests (plain functions, no magic).

They build real rows through the models, the way the services would leave them.
"""

import itertools
from datetime import date

from django.utils import timezone

from jumelage.accounts.models import TeacherProfile, User
from jumelage.accounts.policies import needs_second_factor
from jumelage.network.models import SupportRole
from jumelage.projects.models import Membership, Project
from jumelage.reference.models import Country
from jumelage.schools.models import School, SchoolMembership

_seq = itertools.count(1)

PASSWORD = "correct-horse-battery-staple"

# A real, valid French UAI per call would be nicer; tests that need one use these.
VALID_UAIS = ["0750654D", "0750655E"]


def make_school(country="FR", *, verified=True, **fields) -> School:
    n = next(_seq)
    country_obj = Country.objects.get(code=country)
    defaults = {
        "name": f"School {n}",
        "level": School.Level.LOWER_SECONDARY,
        "national_id": f"{country}-{n:07d}",
        "address": f"{n} Main Street",
        "postcode": f"{n:05d}",
        "town": "Townsville",
        "phone": "+33 1 44 55 66 77",
        "email": f"school{n}@example.org",
        "head_name": f"Head {n}",
        "head_email": f"head{n}@example.org",
        "timezone": country_obj.timezone or "Europe/Paris",
        "status": School.Status.VERIFIED if verified else School.Status.PENDING,
    }
    defaults.update(fields)
    return School.objects.create(country=country_obj, **defaults)


def make_teacher(country="FR", *, verified=True, school=None, name=None, **profile_fields) -> User:
    n = next(_seq)
    user = User.objects.create_user(
        email=f"teacher{n}@example.org",
        password=PASSWORD,
        display_name=name or f"Teacher {n}",
        kind=User.Kind.TEACHER,
        email_confirmed_at=timezone.now(),
    )
    status = (
        TeacherProfile.Status.VERIFIED if verified else TeacherProfile.Status.AWAITING_VERIFICATION
    )
    TeacherProfile.objects.create(user=user, status=status, **profile_fields)
    school = school or make_school(country, verified=verified)
    SchoolMembership.objects.create(school=school, user=user)
    return user


def make_staff(country="FR", *, role="national", region=None, can_verify=True) -> User:
    n = next(_seq)
    user = User.objects.create_user(
        email=f"staff{n}@example.org",
        password=PASSWORD,
        display_name=f"Staff {n}",
        kind=User.Kind.STAFF,
        email_confirmed_at=timezone.now(),
    )
    SupportRole.objects.create(
        user=user, role=role, country_id=country, region=region, can_verify=can_verify
    )
    return user


def login_with_second_factor(client, user):
    """Log staff in with a passed TOTP second factor, as the login flow leaves them."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def sign_in(client, user):
    """Log anyone in as the login flow leaves them: staff with their second factor passed."""
    if needs_second_factor(user):
        return login_with_second_factor(client, user)
    client.force_login(user)
    return None


def make_project(founders=None, *, status=Project.Status.ACTIVE, title=None, **fields) -> Project:
    """An active project founded by a French and a German teacher (or the founders given)."""
    founders = founders or [make_teacher("FR"), make_teacher("DE")]
    n = next(_seq)
    project = Project.objects.create(
        title=title or f"Project {n}",
        summary="Two classes write a journal together.",
        age_min=10,
        age_max=12,
        start_date=date(2026, 9, 1),
        status=status,
        created_by=founders[0],
        activated_at=timezone.now() if status == Project.Status.ACTIVE else None,
        **fields,
    )
    for founder in founders:
        Membership.objects.create(
            project=project,
            user=founder,
            role=Membership.Role.ADMIN,
            school=founder.schools.first(),
            is_founder=True,
        )
    return project


def add_member(project, user=None, role=Membership.Role.TEACHER, country="FR") -> User:
    user = user or make_teacher(country)
    Membership.objects.create(project=project, user=user, role=role, school=user.schools.first())
    return user


def make_visitor(project, name=None) -> User:
    """A visitor (docs/roles.md): an unverified teacher-kind account, no school."""
    user = make_teacher("FR", verified=False, name=name)
    Membership.objects.create(project=project, user=user, role=Membership.Role.VISITOR)
    return user


def make_pupil(project, teacher=None, name=None, *, pupil_admin=False) -> User:
    """A pupil of `teacher`'s class (a founder by default), member of `project`."""
    teacher = teacher or project.memberships.filter(is_founder=True).first().user
    n = next(_seq)
    pupil = User.objects.create_user(
        email=None,
        password=PASSWORD,
        display_name=name or f"Pupil{n}",
        kind=User.Kind.PUPIL,
        username=f"pupil{n}",
    )
    school = teacher.schools.first()
    SchoolMembership.objects.create(school=school, user=pupil)
    Membership.objects.create(
        project=project,
        user=pupil,
        role=Membership.Role.PUPIL,
        school=school,
        teacher=teacher,
        pupil_admin=pupil_admin,
    )
    return pupil


async def ws_connect(user, path: str):
    """A WebSocket client on the real ASGI stack, signed in as `user` (None: anonymous).

    Returns (communicator, connected, close_code).
    """
    from asgiref.sync import sync_to_async
    from channels.testing import WebsocketCommunicator
    from django.conf import settings
    from django.test import Client

    from jumelage.asgi import application
    from jumelage.realtime.testing import CONNECT_TIMEOUT

    headers = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]
    if user is not None:
        client = Client()
        await sync_to_async(client.force_login)(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect(timeout=CONNECT_TIMEOUT)
    # A refusal accepts, then closes at once with 4401/4403 so that real clients can
    # read the code (see realtime.consumers.BaseConsumer.refuse): report it as refused.
    if connected and not await communicator.receive_nothing(timeout=0.05):
        pending = communicator.output_queue._queue  # peek without consuming other frames
        if pending and pending[0].get("type") == "websocket.close":
            closing = await communicator.receive_output()
            return communicator, False, closing.get("code")
    return communicator, connected, code
