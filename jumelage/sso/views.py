"""Log in through an OpenID Connect provider: start (one URL per provider), come back.

Thin: mozilla-django-oidc builds the authorization request (state, nonce, PKCE in
the session) and checks the answer (ProviderBackend); sso.services decides the
account; accounts decides what a login needs (its code prompt, its second-factor gate).
"""

import time
from urllib.parse import parse_qs, urlsplit

import jwt
import requests
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from jumelage.accounts import policies as account_policies
from jumelage.accounts import services as account_services
from jumelage.accounts.middleware import trust_provider_second_factor
from jumelage.accounts.views import PENDING
from jumelage.core.errors import Refused

from . import providers
from .backends import CALLBACK_URL_NAME, ProviderBackend

SESSION_PROVIDERS = "sso_states"  # state -> provider slug, next to the library's oidc_states
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _refuse(request, message):
    messages.error(request, message)
    return redirect("accounts:login")


class ProviderLoginView(OIDCAuthenticationRequestView):
    """The library's authorization request, with the provider's settings instead of ours."""

    def __init__(self, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)  # skip settings reads

    def get_settings(self, attr, *args):
        values = {
            "OIDC_RP_SCOPES": self.provider.scopes,
            "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
            "OIDC_USE_NONCE": True,
            "OIDC_USE_PKCE": self.provider.pkce,
            "OIDC_AUTH_REQUEST_EXTRA_PARAMS": {},
        }
        if attr in values:
            return values[attr]
        return args[0] if args else super().get_settings(attr)

    def get(self, request, slug):
        self.provider = providers.get(slug)
        if self.provider is None:
            raise Http404
        if request.user.is_authenticated:
            if account_policies.is_pupil(request.user):
                messages.error(
                    request,
                    _(
                        "Pupils cannot log in through an identity provider: use the "
                        "login card your teacher gave you."
                    ),
                )
            return redirect("core:dashboard")
        try:
            metadata = providers.metadata(self.provider)
        except (requests.RequestException, ValueError):
            return _refuse(
                request,
                _("%(name)s cannot be reached at the moment. Please try again later.")
                % {"name": self.provider.name},
            )
        self.OIDC_OP_AUTH_ENDPOINT = metadata["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        response = super().get(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        started = request.session.get(SESSION_PROVIDERS, {})
        started[state] = slug
        request.session[SESSION_PROVIDERS] = started
        return response


@require_GET
def callback(request):
    """Where every provider sends the browser back; the state says which provider it was."""
    state = request.GET.get("state", "")
    states = request.session.get("oidc_states", {})
    started = request.session.get(SESSION_PROVIDERS, {})
    entry, slug = states.pop(state, None), started.pop(state, None)
    request.session["oidc_states"], request.session[SESSION_PROVIDERS] = states, started
    provider = providers.get(slug) if slug else None
    if request.GET.get("error"):
        return _refuse(request, _("The identity provider did not log you in. Please try again."))
    if entry is None or provider is None or not request.GET.get("code"):
        return _refuse(
            request,
            _(
                "This login answer does not belong to a login started in this browser "
                "(or it was already used). Please log in again."
            ),
        )
    try:
        backend = ProviderBackend(provider, providers.metadata(provider))
        user = backend.authenticate(
            request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier")
        )
    except Refused as exc:
        return _refuse(request, exc.message)
    except (SuspiciousOperation, jwt.PyJWTError):
        return _refuse(
            request,
            _(
                "The answer of the identity provider does not match this login, so we "
                "did not trust it. Please log in again."
            ),
        )
    except (requests.RequestException, ValueError, KeyError):
        return _refuse(
            request,
            _("%(name)s did not answer as expected. Please try again later.")
            % {"name": provider.name},
        )
    if user is None or not user.is_active:
        return _refuse(request, _("Your login could not be completed. Please try again."))
    next_url = request.session.pop("oidc_login_next", None) or resolve_url("core:dashboard")
    if providers.asserts_second_factor(provider, backend.id_claims):
        auth_login(request, user, backend=LOGIN_BACKEND)
        trust_provider_second_factor(request, user)
        return redirect(next_url)
    if account_services.has_second_factor(user):
        # As after a password: the session is not logged in until the code is checked.
        request.session.cycle_key()
        request.session[PENDING] = {
            "user": user.pk,
            "backend": LOGIN_BACKEND,
            "remember": False,
            "next": next_url,
            "at": time.time(),
            "tries": 0,
        }
        return redirect("accounts:login_code")
    auth_login(request, user, backend=LOGIN_BACKEND)
    if account_policies.needs_second_factor(user):
        messages.warning(
            request,
            _("Support staff and administrators must set up two-factor authentication."),
        )
        return redirect("accounts:otp_setup")
    return redirect(next_url)
