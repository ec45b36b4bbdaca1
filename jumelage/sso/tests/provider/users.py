"""The test decides who may log in at the provider and what the provider asserts."""

import json
import os
from pathlib import Path

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from oauth2_provider.oauth2_validators import OAuth2Validator


def people() -> dict:
    """{username: {"password": ..., "claims": {...}}}, re-read at every use."""
    return json.loads(Path(os.environ["TEST_OP_USERS"]).read_text())


class FileUserBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        person = people().get(username or "")
        if person is None or person["password"] != password:
            return None
        user, _ = User.objects.get_or_create(username=username)
        return user


class ClaimsValidator(OAuth2Validator):
    # amr and acr belong to every ID token (no scope needed), as at real providers.
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "amr": "openid", "acr": "openid"}

    def get_additional_claims(self, request):
        return dict(people().get(request.user.username, {}).get("claims", {}))
