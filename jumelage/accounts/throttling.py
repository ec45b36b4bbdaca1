"""Login throttling that slows attackers without letting them lock anybody out.

Two layers, both keyed on the client address that the edge put in REMOTE_ADDR
(this module never reads X-Forwarded-For: trusted proxies are resolved before):

1. django-axes counts failures per (login name, client IP) pair. After
   AXES_FAILURE_LIMIT failures that pair pauses for a short cool-off
   (LOGIN_PAIR_COOLOFF_MINUTES), doubled by every further failure up to
   LOGIN_PAIR_COOLOFF_MAX_MINUTES: a progressive delay. An attacker elsewhere only
   pauses their own pair: the person still logs in from their own network.
2. A separate, much higher ceiling per client IP (LOGIN_IP_CEILING failures per
   hour) slows credential stuffing over many accounts. It does not apply to a
   login name that already logged in successfully from that address, so junk
   logins cannot lock a school's known teachers (or its pupils) out of their
   network. Pupils' failures count against their own ceiling, so a class's typing
   mistakes never spend the teachers' budget.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum

from jumelage.core.middleware import client_ip

from . import ratelimit

PUPIL_CREDENTIAL = "pupil_login"
IP_WINDOW = 60 * 60
KNOWN_FOR = 60 * 60 * 24 * 60  # a successful login makes the pair known for 60 days


def login_name(request, credentials=None) -> str | None:
    """The name axes counts failures against, the same whatever its case or spaces."""
    credentials = credentials or {}
    name = credentials.get("username") or credentials.get(PUPIL_CREDENTIAL)
    if name is None and request is not None and hasattr(request, "POST"):
        name = request.POST.get("username") or request.POST.get("login")
    return name.strip().lower() if isinstance(name, str) else name


def lockout_parameters(request_or_attempt, credentials=None) -> list:
    """Always the (account, IP) pair: never the account alone, never the IP alone."""
    return [["username", "ip_address"]]


def cool_off(request=None) -> timedelta:
    """The pause of this request's (account, IP) pair: doubles with each failure past the limit."""
    from axes.models import AccessAttempt

    base = timedelta(minutes=getattr(settings, "LOGIN_PAIR_COOLOFF_MINUTES", 5))
    longest = timedelta(minutes=getattr(settings, "LOGIN_PAIR_COOLOFF_MAX_MINUTES", 60))
    if request is None or not hasattr(request, "META"):
        return base
    name = login_name(request)
    failures = (
        AccessAttempt.objects.filter(username=name, ip_address=client_ip(request)).aggregate(
            n=Sum("failures_since_start")
        )["n"]
        or 0
    )
    over = failures - int(settings.AXES_FAILURE_LIMIT)
    if over <= 0:
        return base
    return min(base * 2 ** min(over, 16), longest)


def _bucket(credentials) -> str:
    return "login-ip-pupil" if credentials and PUPIL_CREDENTIAL in credentials else "login-ip"


def _known(ip: str, name) -> bool:
    return bool(name) and ratelimit.remembered("login-known", f"{ip}|{name}")


def over_ip_ceiling(request, credentials) -> bool:
    ip = client_ip(request)
    ceiling = getattr(settings, "LOGIN_IP_CEILING", 100)
    if ratelimit.count(_bucket(credentials), ip) < ceiling:
        return False
    return not _known(ip, login_name(request, credentials))


class IpCeilingBackend:
    """First in AUTHENTICATION_BACKENDS: refuses before any password is checked.

    It has no ``get_user`` on purpose: sessions (and ``force_login``) then name the
    backend that really logged the user in.
    """

    def authenticate(self, request, **credentials):
        if request is None:
            return None
        if over_ip_ceiling(request, credentials):
            # AxesMiddleware turns this flag into the lock-out page (HTTP 429).
            request.axes_locked_out = True
            request.axes_credentials = credentials
            request.login_ip_ceiling = True
            raise PermissionDenied
        return None


def on_login_failed(sender, credentials, request=None, **kwargs):
    if request is None or getattr(request, "login_ip_ceiling", False):
        return
    ratelimit.hit(_bucket(credentials), client_ip(request), IP_WINDOW)


def on_logged_in(sender, request, user, **kwargs):
    if request is None:
        return
    name = (user.username if user.kind == user.Kind.PUPIL else user.email) or ""
    ratelimit.remember("login-known", f"{client_ip(request)}|{name.strip().lower()}", KNOWN_FOR)
