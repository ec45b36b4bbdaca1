"""Error reporting through the Sentry SDK, only when SENTRY_DSN is set.

Called from settings.py (so web processes and Celery workers both report). Without
a DSN the SDK is never imported. Pupils' privacy first: no personal data
(send_default_pii=False), no request bodies, no local variables in stack frames;
the request id is attached as a tag to find the matching log lines.
"""


def _tag_request_id(event, hint):
    from . import context

    request_id = context.get()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def init(dsn: str, *, environment: str, release: str | None, traces_sample_rate: float) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=traces_sample_rate,
        before_send=_tag_request_id,
    )
