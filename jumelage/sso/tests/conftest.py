"""A real OpenID Connect provider on loopback (tests/provider), and the platform pointed at it."""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[3]
CLIENT_ID = "jumelage-test"
CLIENT_SECRET = "s3cret-for-tests-only"
PASSWORD = "provider-pass"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TestProvider:
    def __init__(self, base_url, users_file, db_file):
        self.base_url, self.users_file, self.db_file = base_url, users_file, db_file
        self.issuer = f"{base_url}/o"
        self.discovery = f"{self.issuer}/.well-known/openid-configuration"

    def person(self, username, **claims):
        """Let `username` sign in at the provider, which will assert these claims."""
        people = json.loads(self.users_file.read_text())
        people[username] = {"password": PASSWORD, "claims": claims}
        self.users_file.write_text(json.dumps(people))

    def allow_redirect(self, uri):
        with sqlite3.connect(self.db_file) as db:
            (uris,) = db.execute(
                "SELECT redirect_uris FROM oauth2_provider_application WHERE client_id = ?",
                (CLIENT_ID,),
            ).fetchone()
            if uri not in uris.split():
                db.execute(
                    "UPDATE oauth2_provider_application SET redirect_uris = ? WHERE client_id = ?",
                    (f"{uris} {uri}", CLIENT_ID),
                )


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("op")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (tmp / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (tmp / "users.json").write_text("{}")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "TEST_OP_BASE_URL": base,
        "TEST_OP_DB": str(tmp / "op.sqlite3"),
        "TEST_OP_KEY": str(tmp / "key.pem"),
        "TEST_OP_USERS": str(tmp / "users.json"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = (tmp / "op.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "jumelage.sso.tests.provider.run", str(port), CLIENT_ID]
        + [CLIENT_SECRET, "http://testserver/sso/callback/"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    provider = TestProvider(base, tmp / "users.json", tmp / "op.sqlite3")
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(provider.discovery, timeout=2).status_code == 200:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"test provider did not start: {(tmp / 'op.log').read_text()[-2000:]}")
        time.sleep(0.2)
    yield provider
    process.terminate()
    process.wait(10)
    log.close()


@pytest.fixture
def sso_settings(settings, oidc_provider):
    """The platform configured with one provider, "testop", trusting amr "mfa" and "otp"."""
    settings.SSO_PROVIDERS = {
        "testop": {
            "name": "Test ID",
            "issuer": oidc_provider.issuer,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "scopes": "openid email profile",
            "mfa_values": ["mfa", "otp"],
        }
    }
    from django.core.cache import cache

    cache.delete(f"sso-discovery:{oidc_provider.discovery}")
    return settings
