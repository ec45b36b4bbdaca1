"""Jumelage settings: every value comes from the environment.

With no variable set, the embedded default runs: SQLite under var/, the
in-memory channel layer, Celery tasks run in-process, media under var/media and
email printed to the console. Operators set DATABASE_URL, REDIS_URL, EMAIL_URL,
SECRET_KEY, ALLOWED_HOSTS, HTTPS... and never edit this file.
"""

import ipaddress
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
from csp.constants import NONCE, NONE, SELF

from jumelage.realtime.redis_connection import CancellableConnection

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("JUMELAGE_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()


def _embedded_secret_key() -> str:
    """A key generated once per installation, so the embedded default is safe too."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _embedded_secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_prose_editor",
    "jumelage.core",
    "jumelage.mail",
    "jumelage.reference",
    "jumelage.accounts",
    "jumelage.schools",
    "jumelage.audit",
    "jumelage.kits",
    "jumelage.projects",
    "jumelage.twinspace",
    "jumelage.wiki",
    "jumelage.materials",
    "jumelage.forum",
    "jumelage.blog",
    "jumelage.calendar",
    "jumelage.realtime",
    "jumelage.chat",
    "jumelage.messaging",
    "jumelage.notifications",
    "jumelage.meetings",
    "jumelage.search",
    "jumelage.partners",
    "jumelage.network",
    "jumelage.training",
    "jumelage.texts",
    "jumelage.groups",
    "jumelage.retention",
    "jumelage.portability",
    "jumelage.showcase",
    "jumelage.labels",
    "jumelage.prizes",
    "jumelage.backups",
    "jumelage.sso",
    "jumelage.statistics",
    "jumelage.corrections",
    "jumelage.observability",
]

MIDDLEWARE = [
    # First: the request id (judged on the TCP peer, before TrustedProxyMiddleware)
    # and the HTTP metrics (the whole stack timed); see jumelage/observability.
    "jumelage.observability.middleware.RequestIdMiddleware",
    "jumelage.observability.middleware.MetricsMiddleware",
    "jumelage.core.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jumelage.core.middleware.RejectBadInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jumelage.core.middleware.PrivateNoStoreMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "jumelage.accounts.middleware.StaffSecondFactorMiddleware",
    "jumelage.core.middleware.UserLanguageMiddleware",
    "jumelage.calendar.middleware.ReaderTimeZoneMiddleware",
    "jumelage.corrections.middleware.CorrectionsMiddleware",
    "jumelage.accounts.pupils.PupilPasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jumelage.urls"
ASGI_APPLICATION = "jumelage.asgi.application"
# Production serves pages through WSGI workers (gunicorn) and WebSockets through ASGI
# workers (uvicorn); `make run` serves both through ASGI. docs/production.md.
WSGI_APPLICATION = "jumelage.wsgi.application"
# The benchmarks' bare Django view (core/bare.py) at /_bench/bare: off unless measuring.
JUMELAGE_BENCH_VIEW = env.bool("JUMELAGE_BENCH_VIEW", default=False)

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jumelage" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jumelage.core.context_processors.site",
            ],
            # {% url %} from a pattern kept per URL name (core/template_builtins.py).
            "builtins": ["jumelage.core.template_builtins"],
            # {% load i18n %}: Django's tags, a literal's {% translate %} without a lazy
            # translation (core/i18n_tags.py).
            "libraries": {"i18n": "jumelage.core.i18n_tags"},
        },
    },
]

# Django warns of any template tag library replaced through TEMPLATES' "libraries"; the
# project replaces i18n on purpose, and core/checks.py warns of any other (jumelage.W001).
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# One renderer for every form field: core/rendering.py, templates in core/templates/forms/.
FORM_RENDERER = "jumelage.core.rendering.FormRenderer"

# --- Database -------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'jumelage.sqlite3'}")
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# Behind PgBouncer in transaction pooling (PGBOUNCER=1), a server connection changes
# between transactions: no server-side cursors, no prepared statements kept on it.
PGBOUNCER = env.bool("PGBOUNCER", default=False)
# Optional read replica (streaming replication of the primary): page reads go there,
# writes and a writer's next reads to the primary (core/dbrouting.py).
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=10)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db_url_config(DATABASE_REPLICA_URL)
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"].get("CONN_MAX_AGE", 0)
    # Tests see one database: the replica mirrors the primary's test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["jumelage.core.dbrouting.PrimaryReplicaRouter"]
    # Before the session is read: a read-only request reads it from the replica too.
    _session = MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
    MIDDLEWARE.insert(_session, "jumelage.core.dbrouting.ReplicaMiddleware")
# A page's queries read a few rows by index: a parallel worker costs more to start (15-20
# ms measured at full scale, for queries of 0.5-4 ms) than it saves. 0 = never for the
# application's connections; behind PgBouncer, which refuses startup options, set it on
# the role instead (docs/production.md).
DB_PARALLEL_WORKERS = env.int("DB_PARALLEL_WORKERS", default=0)
# Prepared statements need a connection kept between requests (CONN_MAX_AGE) and a
# server of its own, not one PgBouncer hands out per transaction.
DB_PREPARED_STATEMENTS = env.bool("DB_PREPARED_STATEMENTS", default=not PGBOUNCER)
for _db in DATABASES.values():
    if _db["ENGINE"] != "django.db.backends.postgresql":
        continue
    if PGBOUNCER:
        _db["DISABLE_SERVER_SIDE_CURSORS"] = True
        _db.setdefault("OPTIONS", {})["prepare_threshold"] = None
    else:
        _db.setdefault("OPTIONS", {})["options"] = (
            f"-c max_parallel_workers_per_gather={DB_PARALLEL_WORKERS}"
        )
        if DB_PREPARED_STATEMENTS:
            # Parameters bound by the server, and a statement run 5 times on a connection
            # kept prepared on it (psycopg's default threshold): PostgreSQL plans it
            # once, not on every request (planning was most of the pages' database CPU:
            # 2.6 ms to plan the space home's members for 0.7 ms to run them).
            _db["OPTIONS"]["server_side_binding"] = True
            _db["OPTIONS"]["prepare_threshold"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

# --- Redis: channel layer, cache, Celery broker ---------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw"):
    # The suite runs in several processes (pytest-xdist): each takes its own Redis
    # database, so one's Celery queue, channel groups and cache never reach another's.
    _redis = urlsplit(REDIS_URL)
    _worker = int(os.environ["PYTEST_XDIST_WORKER"][2:])
    _db = int(_redis.path.strip("/") or 0) + _worker
    REDIS_URL = urlunsplit(_redis._replace(path=f"/{_db}"))
# Seconds a channel-layer read may wait: above channels-redis' 5 s blocking receive.
# Never below 10 s, whatever the environment says: a shorter one kills idle sockets again.
CHANNEL_REDIS_SOCKET_TIMEOUT = max(env.int("CHANNEL_REDIS_SOCKET_TIMEOUT", default=30), 10)
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "jumelage.realtime.redis_layer.BatchedRedisChannelLayer",
            "CONFIG": {
                # redis-py 8 defaults to a 5 s socket timeout, which cut channels-redis'
                # 5 s blocking receive (BZPOPMIN) and killed every idle consumer
                # (django/channels_redis#422). The read timeout must outlast that
                # blocking receive; a dead Redis is still noticed within it.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_timeout": CHANNEL_REDIS_SOCKET_TIMEOUT,
                        "socket_connect_timeout": 5,
                        "socket_keepalive": True,
                        # A connection whose commands a cancellation always stops:
                        # redis-py's own lets one slip on Python 3.11, and the receive
                        # then never ends (realtime/redis_connection.py). A rediss://
                        # address keeps redis-py's TLS connection, without the repair.
                        "connection_class": CancellableConnection,
                    }
                ],
                "prefix": env.str("CHANNEL_PREFIX", default="jumelage"),
                "capacity": 1000,
                # channels-redis keeps the direct messages of ALL a process's connections
                # (presence replies, meeting signals) in one sorted set, checked against
                # the capacity of one channel: 1,000 overflowed when 300 pupils joined at
                # once. Bounded all the same: entries expire after 60 s.
                "channel_capacity": {"specific.*": 50000},
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "jumelage.core.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_PREFIX", default="jumelage"),
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE: dict = {}
# The email outbox (mail.outbox): a worker's claim on an email lasts this
# long; after a crash the sweep (every minute) sends it again, same Message-ID.
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=120)
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=30)

# --- WebSockets -------------------------------------------------------------
# Every open project connection beats every REALTIME_HEARTBEAT seconds (meeting
# seats, rights re-checked); a meeting seat not renewed for MEETING_SEAT_TTL
# seconds (its server process was killed) is freed by the next join.
REALTIME_HEARTBEAT = env.float("REALTIME_HEARTBEAT", default=5)
# Per-process fan-out (realtime/fanout.py): one relay per group and process. On by
# default: with Redis it saves a quarter of the CPU per copy, on the embedded default
# (one process, in-memory layer) half of it (1,680 -> 869 µs, docs/live.md). Off,
# every socket is a member of the layer's groups itself.
REALTIME_RELAYS = env.bool("REALTIME_RELAYS", default=True)
MEETING_SEAT_TTL = env.float("MEETING_SEAT_TTL", default=20)
# Threads for the database work of WebSocket handlers (realtime/db.py): on PostgreSQL
# the chat's posts and joins run side by side instead of queueing on one thread.
# 0 = the one thread of channels' database_sync_to_async (SQLite: writes serialise).
REALTIME_DB_THREADS = env.int(
    "REALTIME_DB_THREADS",
    default=4 if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" else 0,
)

# The garbage collector's thresholds in the server processes (asgi.py, wsgi.py):
# the youngest generation collected after 10,000 new objects, not 700, so that
# objects in flight die young instead of triggering full collections that stopped
# a loaded server for 200 ms (core/collector.py). Empty: Python's own.
GC_THRESHOLDS = tuple(env.list("GC_THRESHOLDS", cast=int, default=[10_000, 10, 10]))

# --- Video meetings (WebRTC) -----------------------------------------------
# Without STUN/TURN, calls work on a local network; TURN credentials are derived
# from coturn's shared secret (static-auth-secret) and expire after WEBRTC_TURN_TTL.
WEBRTC_STUN_URLS = env.list("WEBRTC_STUN_URLS", default=[])
WEBRTC_TURN_URLS = env.list("WEBRTC_TURN_URLS", default=[])
WEBRTC_TURN_SECRET = env.str("WEBRTC_TURN_SECRET", default="")
WEBRTC_TURN_TTL = env.int("WEBRTC_TURN_TTL", default=6 * 3600)
# "relay" forces every call through TURN (schools whose firewall blocks direct UDP).
WEBRTC_ICE_TRANSPORT_POLICY = env.str("WEBRTC_ICE_TRANSPORT_POLICY", default="all")
# Rooms for more than MEETING_MESH_LIMIT participants go through the SFU (Janus,
# docs/meetings.md): its HTTP API on loopback, tokens signed with JANUS_TOKEN_SECRET,
# rooms created with the videoroom plugin's JANUS_ADMIN_KEY. Empty: mesh only.
MEETING_MESH_LIMIT = 6
JANUS_URL = env.str("JANUS_URL", default="")
JANUS_TOKEN_SECRET = env.str("JANUS_TOKEN_SECRET", default="")
JANUS_ADMIN_KEY = env.str("JANUS_ADMIN_KEY", default="")
JANUS_TOKEN_TTL = env.int("JANUS_TOKEN_TTL", default=6 * 3600)
JANUS_PUBLISHER_BITRATE = env.int("JANUS_PUBLISHER_BITRATE", default=512_000)

# --- Auth -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "jumelage.accounts.throttling.IpCeilingBackend",
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "jumelage.accounts.backends.PupilBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
# New and changed passwords are hashed with Argon2id at OWASP's parameters
# (accounts/hashers.py: 20 ms of CPU where Django's PBKDF2 takes 240); hashes of the
# other algorithms still verify, and are rehashed with Argon2id at the next login.
PASSWORD_HASHERS = [
    "jumelage.accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Failures per (account, client IP) pair before a short pause (see accounts/throttling.py),
# and the much higher ceiling of failures per client IP and hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = "jumelage.accounts.throttling.cool_off"  # progressive, per pair
AXES_USE_ATTEMPT_EXPIRATION = True  # each pair keeps its own pause
LOGIN_PAIR_COOLOFF_MINUTES = env.float("AXES_COOLOFF_MINUTES", default=5)
LOGIN_PAIR_COOLOFF_MAX_MINUTES = env.float("AXES_COOLOFF_MAX_MINUTES", default=60)
LOGIN_IP_CEILING = env.int("LOGIN_IP_CEILING", default=100)
AXES_LOCKOUT_PARAMETERS = "jumelage.accounts.throttling.lockout_parameters"
AXES_USERNAME_CALLABLE = "jumelage.accounts.throttling.login_name"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# The client address is REMOTE_ADDR, set by TrustedProxyMiddleware; never a header.
AXES_CLIENT_IP_CALLABLE = "jumelage.core.middleware.client_ip"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_IPWARE_PROXY_COUNT = None
AXES_IPWARE_PROXY_TRUSTED_IPS = None

OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Jumelage")

# --- Internationalisation --------------------------------------------------
LANGUAGE_CODE = "en"
# English dates day-first (en-GB) for Europe's readers: jumelage/formats/en.
# Languages with a variant for pupils: French says "tu" to a child. The variant is the
# language code + "-pupil", its catalogue jumelage/locale/<ll>_Pupil (only the messages
# that differ; the others come from the language's own catalogues), docs/languages.md.
PUPIL_VARIANT_LANGUAGES = ["fr"]
FORMAT_MODULE_PATH = ["jumelage.formats"]
# Every language of the founding countries (issue 18), each named in itself (the menu
# shows "Polski", "Türkçe", "Ελληνικά" whatever the page's language): CLDR via Babel.
ALL_LANGUAGE_CODES = [
    "en",
    "bg",
    "hr",
    "cs",
    "da",
    "nl",
    "et",
    "fi",
    "fr",
    "de",
    "el",
    "hu",
    "is",
    "ga",
    "it",
    "lv",
    "lt",
    "mk",
    "mt",
    "nb",
    "pl",
    "pt",
    "ro",
    "sk",
    "sl",
    "es",
    "sv",
    "tr",
]
# The languages shipped: those whose catalogues are complete (the completeness test in
# core/tests/test_languages.py holds each of them to it). A new language is added to
# ALL_LANGUAGE_CODES and shipped once filled (docs/languages.md): until then, list here
# the shipped ones, e.g. [c for c in ALL_LANGUAGE_CODES if c != "xx"].
SHIPPED_LANGUAGE_CODES = ALL_LANGUAGE_CODES


def _own_name(code: str) -> str:
    from babel import Locale

    name = Locale.parse(code).get_display_name(code)
    return name[:1].upper() + name[1:]


LANGUAGES = [(code, _own_name(code)) for code in SHIPPED_LANGUAGE_CODES]
LOCALE_PATHS = [BASE_DIR / "jumelage" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

# --- Static and media files ------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "jumelage.core.staticfiles.StaticFiles"},
}
# Shared media for N web nodes: a shared volume (MEDIA_ROOT on NFS/CephFS: the default
# backend) or S3-compatible object storage (MEDIA_STORAGE=s3, django-storages). Files
# still reach users only through the application's views (access checks).
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "location": env.str("AWS_LOCATION", default="media"),
        },
    }
elif MEDIA_STORAGE != "filesystem":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("MEDIA_STORAGE must be 'filesystem' or 's3'.")
# Behind nginx with MEDIA_ROOT on its disk: after the access check, views hand the sending
# of a file to nginx's `internal` location at this prefix (X-Accel-Redirect; core/files.py).
# Empty (the default, `make run`): Django streams the file itself. deploy/prod.py sets it.
MEDIA_ACCEL_REDIRECT = env.str("MEDIA_ACCEL_REDIRECT", default="")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Larger uploads wait in unnamed temporary files here, which a killed process cannot leave
# behind; `sweep_uploads` (hourly in beat) removes anything stale.
FILE_UPLOAD_TEMP_DIR = Path(
    env.str("FILE_UPLOAD_TEMP_DIR", default=str(VAR_DIR / "tmp" / "uploads"))
)
FILE_UPLOAD_TEMP_DIR.mkdir(parents=True, exist_ok=True)
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "jumelage.core.uploads.UnnamedTemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Quotas set by the operator (bytes).
JUMELAGE_MAX_FILE_SIZE = env.int("JUMELAGE_MAX_FILE_SIZE", default=100 * 1024 * 1024)
JUMELAGE_PROJECT_QUOTA = env.int("JUMELAGE_PROJECT_QUOTA", default=5 * 1024 * 1024 * 1024)
# Days a pupil account is kept once no project holds it any more.
JUMELAGE_PUPIL_RETENTION_DAYS = env.int("JUMELAGE_PUPIL_RETENTION_DAYS", default=30)

# --- Email -------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Bounds each SMTP step, so that one attempt ends well within OUTBOX_LEASE_SECONDS.
EMAIL_TIMEOUT = EMAIL_CONFIG.get("EMAIL_TIMEOUT") or env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Jumelage <no-reply@jumelage.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ----------------------------------------------------------------
# HTTPS=1 behind TLS: secure cookies, redirect, HSTS (HSTS_SECONDS to tune).
HTTPS = env.bool("HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("HSTS_PRELOAD", default=HTTPS)
# Behind a reverse proxy, X-Forwarded-For/-Proto are believed only when the TCP peer
# is in TRUSTED_PROXIES (addresses or CIDR ranges); TrustedProxyMiddleware removes
# them from any other peer before SECURE_PROXY_SSL_HEADER or axes read anything.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
for _proxy in TRUSTED_PROXIES:
    ipaddress.ip_network(_proxy, strict=False)  # a typo stops the start, not a request
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, read by a query compiled once per process (accounts/sessions.py).
SESSION_ENGINE = "jumelage.accounts.sessions"
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

TIPTAP_BASE_CSS_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # No inline style: only our stylesheets, plus the one <style> element the
        # editor (Tiptap, inside django-prose-editor 0.28) injects with its base CSS,
        # allowed by its hash. e2e/test_csp_styles.py fails with the new hash if an
        # upgrade changes that CSS.
        "style-src": [SELF, TIPTAP_BASE_CSS_HASH],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF, "ws:", "wss:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# One console handler; every record carries the request id. LOG_FORMAT=json (default:
# one JSON object a line, for log shippers) or text (readable; `make run` uses it).
from jumelage.observability.logs import logging_config  # noqa: E402

LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING = logging_config(LOG_FORMAT, env.str("LOG_LEVEL", default="WARNING"))

# --- Retention (jumelage.retention) ---------------------------------------------
# Days each kind of record is kept; the daily `retention.enforce` task deletes what is
# older (docs/retention.md). 0 keeps forever where that is allowed.
RETENTION_AUDIT_DAYS = env.int("RETENTION_AUDIT_DAYS", default=365)
# Client IP addresses in login records (django-axes): CNIL recommends 6 to 12 months
# for connection logs; the lower bound, since many accounts are children's. Never 0.
RETENTION_LOGIN_IP_DAYS = env.int("RETENTION_LOGIN_IP_DAYS", default=180)
if RETENTION_LOGIN_IP_DAYS < 1:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("RETENTION_LOGIN_IP_DAYS must be at least 1 (days).")
# Chat is conversation, not the project's production (wiki, materials, blog stay).
RETENTION_CHAT_DAYS = env.int("RETENTION_CHAT_DAYS", default=365)
RETENTION_NOTIFICATIONS_READ_DAYS = env.int("RETENTION_NOTIFICATIONS_READ_DAYS", default=90)
RETENTION_NOTIFICATIONS_DAYS = env.int("RETENTION_NOTIFICATIONS_DAYS", default=365)
# Teacher and staff accounts nobody logged into: a warning after WARN days, deactivation
# DEACTIVATE days after the warning, deletion DELETE days after deactivation. WARN=0: off.
ACCOUNT_INACTIVE_WARN_DAYS = env.int("ACCOUNT_INACTIVE_WARN_DAYS", default=730)
ACCOUNT_INACTIVE_DEACTIVATE_DAYS = env.int("ACCOUNT_INACTIVE_DEACTIVATE_DAYS", default=30)
ACCOUNT_INACTIVE_DELETE_DAYS = env.int("ACCOUNT_INACTIVE_DELETE_DAYS", default=365)


# --- Portability: project export and import (jumelage.portability) --------------
# Days a project archive stays downloadable before the retention rule deletes it.
PORTABILITY_EXPORT_DAYS = env.int("PORTABILITY_EXPORT_DAYS", default=7)
# Where an archive is assembled before it goes to default storage ("" = the system's temp dir).
PORTABILITY_WORK_DIR = env.str("PORTABILITY_WORK_DIR", default="")
# Largest archive the import page accepts, in bytes (default 20 GiB).
PORTABILITY_IMPORT_MAX_BYTES = env.int("PORTABILITY_IMPORT_MAX_BYTES", default=20 * 1024**3)


# --- Showcase: static site of the final production (jumelage.showcase) ----------
# Longest side, in pixels, of the images copied into a project's static site.
SHOWCASE_IMAGE_MAX_SIDE = env.int("SHOWCASE_IMAGE_MAX_SIDE", default=1600)


# --- Backups (jumelage.backups) -------------------------------------------------
# Archived projects stay readable this many days after archiving, then are deleted
# with their files (projects/retention.py). A year covers the next school year, when
# teachers come back to an old project to reuse it or show it; docs/backups.md.
JUMELAGE_ARCHIVED_PROJECT_RETENTION_DAYS = env.int(
    "JUMELAGE_ARCHIVED_PROJECT_RETENTION_DAYS", default=365
)
# The admins are told this many days before the deletion (each notice once).
JUMELAGE_DELETION_NOTICE_DAYS = sorted(
    (int(d) for d in env.list("JUMELAGE_DELETION_NOTICE_DAYS", default=["30", "7"])),
    reverse=True,
)


# --- Single sign-on (jumelage.sso) ----------------------------------------------
# One OpenID Connect provider per name in SSO_PROVIDERS (see docs/sso.md), e.g.
# SSO_PROVIDERS=eulogin,academie and SSO_EULOGIN_NAME, _ISSUER, _CLIENT_ID, ...
SSO_PROVIDERS = {
    _slug: {
        "name": env.str(f"SSO_{_slug.upper()}_NAME", default=_slug),
        "issuer": env.str(f"SSO_{_slug.upper()}_ISSUER"),
        "client_id": env.str(f"SSO_{_slug.upper()}_CLIENT_ID"),
        "client_secret": env.str(f"SSO_{_slug.upper()}_CLIENT_SECRET", default=""),
        "scopes": env.str(f"SSO_{_slug.upper()}_SCOPES", default="openid email profile"),
        "mfa_values": env.list(f"SSO_{_slug.upper()}_MFA_VALUES", default=[]),
        "sign_algo": env.str(f"SSO_{_slug.upper()}_SIGN_ALGO", default="RS256"),
        "pkce": env.bool(f"SSO_{_slug.upper()}_PKCE", default=True),
    }
    for _slug in env.list("SSO_PROVIDERS", default=[])
}
SSO_HTTP_TIMEOUT = env.int("SSO_HTTP_TIMEOUT", default=10)
SSO_DISCOVERY_CACHE_SECONDS = env.int("SSO_DISCOVERY_CACHE_SECONDS", default=3600)


# --- Statistics (jumelage.statistics) -------------------------------------------
# The nightly task recomputes this many days back (late changes, a missed night).
STATISTICS_REFRESH_DAYS = env.int("STATISTICS_REFRESH_DAYS", default=3)
# Hour (server time zone) at which the nightly materialisation runs, at minute 15.
STATISTICS_HOUR = env.int("STATISTICS_HOUR", default=2)


# --- Observability (jumelage.observability) -------------------------------------
# /metrics answers only a bearer of METRICS_TOKEN or a client (REMOTE_ADDR, after
# TrustedProxyMiddleware) in METRICS_ALLOWED_NETWORKS; neither set: 404 to everyone.
# PROMETHEUS_MULTIPROC_DIR (read by prometheus_client itself, not here) turns on
# multiprocess mode; see docs/observability.md.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=[])
for _network in METRICS_ALLOWED_NETWORKS:
    ipaddress.ip_network(_network, strict=False)  # a typo stops the start, not a scrape
# Error reporting: only with a DSN (the SDK is not even imported otherwise).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from jumelage.observability import sentry as _sentry  # noqa: E402

    _sentry.init(
        SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=env.str("SENTRY_RELEASE", default=""),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
