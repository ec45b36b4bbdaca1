"""Start the test provider: migrate its SQLite file, register the client, serve on loopback.

Usage: python -m jumelage.sso.tests.provider.run PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI...
(the environment names the database, key and users files: see settings.py).
"""

import os
import sys


def main() -> None:
    port, client_id, client_secret, *redirects = sys.argv[1:]
    os.environ["DJANGO_SETTINGS_MODULE"] = "jumelage.sso.tests.provider.settings"
    os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain HTTP on loopback, tests only
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import WSGIServer, run
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False)
    Application.objects.update_or_create(
        client_id=client_id,
        defaults={
            "name": "Jumelage",
            "client_secret": client_secret,
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "redirect_uris": " ".join(redirects),
            "algorithm": Application.RS256_ALGORITHM,
            "skip_authorization": True,
        },
    )
    run("127.0.0.1", int(port), get_wsgi_application(), threading=True, server_cls=WSGIServer)


if __name__ == "__main__":
    main()
