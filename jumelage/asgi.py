"""ASGI entry point: HTTP through Django, WebSockets through Channels, one process.

WebSockets: behind a trusted proxy they see the browser's address and scheme
(core/middleware.py), a Redis outage closes them with 1013 (realtime/outage.py), another
site's origin is refused (realtime/origin.py), the session authenticates them.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
django_asgi_app = get_asgi_application()

from jumelage.core import collector  # noqa: E402

collector.tune()

from jumelage.core.uploads import BodySizeLimit  # noqa: E402

# The upload size limit holds while the body streams (413 before Django reads it all).
django_asgi_app = BodySizeLimit(django_asgi_app)

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from jumelage.core.middleware import TrustedProxyScope  # noqa: E402
from jumelage.observability.asgi import CountWebSockets  # noqa: E402
from jumelage.realtime.origin import OriginValidator  # noqa: E402
from jumelage.realtime.outage import RetryLaterOnOutage  # noqa: E402
from jumelage.realtime.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # CountWebSockets: connection metrics (jumelage.observability.asgi).
        "websocket": CountWebSockets(
            TrustedProxyScope(
                RetryLaterOnOutage(
                    OriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
                )
            )
        ),
    }
)

# /livez is answered on the event loop before Django (jumelage.core.health.with_liveness).
from jumelage.core.health import with_liveness  # noqa: E402

application = with_liveness(application)
