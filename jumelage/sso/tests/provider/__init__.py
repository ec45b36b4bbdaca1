"""A tiny OpenID Connect provider (django-oauth-toolkit in OIDC mode) for the SSO tests.

It runs in its own process (run.py) with its own settings and SQLite file, so the
tests talk to a real provider over loopback HTTP: discovery, authorization, token,
userinfo and JWKS endpoints, RS256-signed ID tokens. The test decides each user's
password and claims in a JSON file (see conftest.py).
"""
