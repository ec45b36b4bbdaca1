"""The SFU (Janus) beside the mesh: its configuration, its tokens, its API.

Only this server talks to Janus' API (bound to loopback). Three locks keep a
client from creating or joining a Janus room by itself:
- every request needs a token signed with JANUS_TOKEN_SECRET (Janus'
  `token_auth_secret`), time-limited, made here for one participant;
- rooms are created only with the videoroom plugin's `admin_key`;
- a room is joined only with its `pin`, derived here and never sent to a browser.
Media (RTP over ICE/DTLS) goes from browsers to Janus' UDP ports; signalling
stays on the project WebSocket (signalling.py drives a Janus session per seat).
"""

import base64
import contextlib
import hashlib
import hmac
import secrets
import time as clock
from pathlib import Path

import httpx
from django.conf import settings

# Janus room ids are the platform's room ids shifted, so that rooms of several
# platforms (staging, tests) sharing one Janus never collide by accident.
ROOM_ID_BASE = 1_000_000
VIDEOROOM = "janus.plugin.videoroom"


class JanusError(Exception):
    def __init__(self, code: int, reason: str):
        super().__init__(f"{code}: {reason}")
        self.code, self.reason = code, reason


def enabled() -> bool:
    return bool(settings.JANUS_URL and settings.JANUS_TOKEN_SECRET)


def uses_sfu(room) -> bool:
    """Rooms over the mesh's size go through the SFU (when one is configured)."""
    return room.capacity > settings.MEETING_MESH_LIMIT and enabled()


def janus_room(room_id: int) -> int:
    return ROOM_ID_BASE + room_id


def _derive(purpose: str, room_id: int) -> str:
    key = settings.JANUS_TOKEN_SECRET.encode()
    return hmac.new(key, f"{purpose}:{room_id}".encode(), hashlib.sha256).hexdigest()[:32]


def room_pin(room_id: int) -> str:
    return _derive("pin", room_id)


def room_secret(room_id: int) -> str:
    return _derive("secret", room_id)


def signed_token(ttl: int = 0, secret: str = "") -> str:
    """A Janus signed token (`token_auth_secret`): "<expiry>,janus,<plugin>:<HMAC-SHA1>"."""
    expiry = int(clock.time()) + (ttl or settings.JANUS_TOKEN_TTL)
    data = f"{expiry},janus,{VIDEOROOM}"
    key = (secret or settings.JANUS_TOKEN_SECRET).encode()
    signature = base64.b64encode(hmac.new(key, data.encode(), hashlib.sha1).digest()).decode()
    return f"{data}:{signature}"


def _tx() -> str:
    return secrets.token_hex(6)


def _check(reply: dict) -> dict:
    if reply.get("janus") == "error":
        error = reply.get("error", {})
        raise JanusError(error.get("code", 0), error.get("reason", ""))
    data = (reply.get("plugindata") or {}).get("data") or {}
    if data.get("error_code"):
        raise JanusError(data["error_code"], data.get("error", ""))
    return reply


def room_options(room_id: int, capacity: int) -> dict:
    return {
        "request": "create",
        "room": janus_room(room_id),
        "admin_key": settings.JANUS_ADMIN_KEY,
        "secret": room_secret(room_id),
        "pin": room_pin(room_id),
        "is_private": True,
        "publishers": capacity,
        # Low layers for a school's bandwidth: ~300 kbit/s per camera, simulcast on top.
        "bitrate": settings.JANUS_PUBLISHER_BITRATE,
        "fir_freq": 10,
        "audiolevel_event": True,
        "audio_active_packets": 50,
        "audio_level_average": 40,
        "notify_joining": True,
    }


class Janus:
    """Synchronous admin requests (create, moderate, kick, destroy), from services."""

    def __init__(self, base_url: str | None = None, timeout: float = 5):
        self.base = (base_url or settings.JANUS_URL).rstrip("/")
        self.client = httpx.Client(timeout=timeout)
        self.token = signed_token(ttl=120)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.client.close()

    def post(self, path: str, body: dict) -> dict:
        body = {"transaction": _tx(), "token": self.token, **body}
        return _check(self.client.post(self.base + path, json=body).json())

    def videoroom(self, message: dict) -> dict:
        session = self.post("", {"janus": "create"})["data"]["id"]
        try:
            handle = self.post(f"/{session}", {"janus": "attach", "plugin": VIDEOROOM})["data"][
                "id"
            ]
            reply = self.post(f"/{session}/{handle}", {"janus": "message", "body": message})
            return reply["plugindata"]["data"]
        finally:
            self.post(f"/{session}", {"janus": "destroy"})

    def ensure_room(self, room_id: int, capacity: int) -> None:
        data = self.videoroom({"request": "exists", "room": janus_room(room_id)})
        if not data.get("exists"):
            try:
                self.videoroom(room_options(room_id, capacity))
            except JanusError as error:
                if error.code != 427:  # created meanwhile by another process
                    raise

    def destroy_room(self, room_id: int) -> None:
        try:
            self.videoroom(
                {"request": "destroy", "room": janus_room(room_id), "secret": room_secret(room_id)}
            )
        except JanusError as error:
            if error.code != 426:  # no such room: nothing to end
                raise

    def kick(self, room_id: int, feed: int) -> None:
        self.videoroom(
            {
                "request": "kick",
                "room": janus_room(room_id),
                "secret": room_secret(room_id),
                "id": feed,
            }
        )

    def mute(self, room_id: int, feed: int, mid: str) -> None:
        self.videoroom(
            {
                "request": "moderate",
                "room": janus_room(room_id),
                "secret": room_secret(room_id),
                "id": feed,
                "mid": mid,
                "mute": True,
            }
        )


class Session:
    """One seat's Janus session, driven from its WebSocket connection (async).

    A publisher handle sends the participant's media; one subscriber handle per
    other publisher receives theirs. Janus' events come back by long polling.
    """

    def __init__(self, room_id: int):
        self.room_id = room_id
        self.base = settings.JANUS_URL.rstrip("/")
        self.client = httpx.AsyncClient(timeout=40)
        self.token = signed_token()
        self.session = None
        self.publisher = None
        self.feed = None  # this participant's publisher id in the Janus room
        self.subscribers: dict[int, int] = {}  # feed -> subscriber handle
        self.audio_mid = None
        self.pending: list[dict] = []  # events read while waiting for another one

    async def post(self, path: str, body: dict) -> dict:
        body = {"transaction": _tx(), "token": self.token, **body}
        reply = await self.client.post(self.base + path, json=body)
        return _check(reply.json())

    async def attach(self) -> int:
        reply = await self.post(f"/{self.session}", {"janus": "attach", "plugin": VIDEOROOM})
        return reply["data"]["id"]

    async def message(self, handle: int, body: dict, jsep: dict | None = None) -> dict:
        frame = {"janus": "message", "body": body}
        if jsep:
            frame["jsep"] = jsep
        return await self.post(f"/{self.session}/{handle}", frame)

    async def start(self, display: str) -> list[dict]:
        """Create the session, join as publisher; returns the publishers already there."""
        self.session = (await self.post("", {"janus": "create"}))["data"]["id"]
        self.publisher = await self.attach()
        reply = await self.message(
            self.publisher,
            {
                "request": "join",
                "ptype": "publisher",
                "room": janus_room(self.room_id),
                "pin": room_pin(self.room_id),
                "display": display,
            },
        )
        data = reply["plugindata"]["data"] if "plugindata" in reply else {}
        if reply.get("janus") == "ack":  # the answer comes as an event
            data = await self.wait_for(self.publisher, "joined")
        self.feed = data.get("id")
        return data.get("publishers", [])

    async def wait_for(self, handle: int, videoroom: str) -> dict:
        for _ in range(20):
            found = None
            for event in await self.poll():
                data = ((event.get("plugindata") or {}).get("data")) or {}
                if (
                    found is None
                    and event.get("sender") == handle
                    and (data.get("videoroom") == videoroom or data.get("error_code"))
                ):
                    found = event
                else:  # kept for the relay (signalling): nothing of the batch is lost
                    self.pending.append(event)
            if found is not None:
                return _check(found)["plugindata"]["data"]
        raise JanusError(0, f"no {videoroom} event")

    async def poll(self) -> list[dict]:
        """Wait for Janus' next events on this session (long poll, up to 30 s)."""
        reply = await self.client.get(
            f"{self.base}/{self.session}", params={"maxev": 10, "token": self.token}
        )
        events = reply.json()
        return events if isinstance(events, list) else [events]

    async def publish(self, offer: dict, video: bool = True) -> None:
        await self.message(
            self.publisher, {"request": "configure", "audio": True, "video": video}, offer
        )

    async def unpublish(self) -> None:
        """Stop relaying this participant's media (a live event's floor taken back)."""
        with contextlib.suppress(JanusError):
            await self.message(self.publisher, {"request": "unpublish"})

    async def subscribe(self, feed: int) -> None:
        if feed in self.subscribers or feed == self.feed:
            return
        handle = await self.attach()
        self.subscribers[feed] = handle
        await self.message(
            handle,
            {
                "request": "join",
                "ptype": "subscriber",
                "room": janus_room(self.room_id),
                "pin": room_pin(self.room_id),
                "streams": [{"feed": feed}],
                "use_msid": True,
            },
        )

    async def answer(self, feed: int, answer: dict, subscription: str | None = None) -> bool:
        """Start `feed`'s subscription with the browser's answer; False if it is not current.

        An answer to the offer of a subscription since replaced (the browser or this
        server asked for a new one while the old offer was on its way) would start the
        new handle with the wrong ICE credentials: it stays unconnected for good.
        """
        handle = self.subscribers.get(feed)
        if handle is None or subscription not in (None, str(handle)):
            return False
        await self.message(handle, {"request": "start"}, answer)
        return True

    async def layer(self, feed: int, substream: int) -> None:
        """Which simulcast layer of `feed` this participant receives (0 low, 1 high)."""
        handle = self.subscribers.get(feed)
        if handle is not None:
            await self.message(handle, {"request": "configure", "substream": substream})

    async def unsubscribe(self, feed: int) -> None:
        handle = self.subscribers.pop(feed, None)
        if handle is not None:
            with contextlib.suppress(JanusError, httpx.HTTPError):
                await self.post(f"/{self.session}/{handle}", {"janus": "detach"})

    def feed_of(self, handle: int) -> int | None:
        for feed, h in self.subscribers.items():
            if h == handle:
                return feed
        return None

    async def close(self) -> None:
        try:
            if self.session is not None:
                await self.post(f"/{self.session}", {"janus": "destroy"})
        except (JanusError, httpx.HTTPError):
            pass
        finally:
            await self.client.aclose()


def write_config(
    folder: Path,
    *,
    http_port: int,
    token_secret: str,
    admin_key: str,
    rtp_range: str = "20000-20999",
    nat_1_1: str = "",
    ice_ignore: str = "vmnet",
    turn: dict | None = None,
) -> Path:
    """Janus' configuration folder: videoroom and plain HTTP on loopback only, signed tokens.

    Used by `deploy/prod.py` and by the tests' fixture, so that both run the same setup.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for kind in ("plugins", "transports"):
        (folder / kind).mkdir(exist_ok=True)
    system = Path("/usr/lib/x86_64-linux-gnu/janus")
    for kind, name in (("plugins", "libjanus_videoroom.so"), ("transports", "libjanus_http.so")):
        link = folder / kind / name
        if not link.exists():
            link.symlink_to(system / kind / name)
    nat = [f'ice_ignore_list = "{ice_ignore}"']
    if nat_1_1:
        nat.append(f'nat_1_1_mapping = "{nat_1_1}"')
    if turn:
        nat += [f'{key} = "{value}"' for key, value in turn.items()]
    (folder / "janus.jcfg").write_text(
        "general: {\n"
        f'  configs_folder = "{folder}"\n'
        f'  plugins_folder = "{folder}/plugins"\n'
        f'  transports_folder = "{folder}/transports"\n'
        "  debug_level = 3\n"
        "  token_auth = true\n"
        f'  token_auth_secret = "{token_secret}"\n'
        "  session_timeout = 60\n"
        '  server_name = "jumelage-sfu"\n'
        "}\n"
        "media: {\n"
        f'  rtp_port_range = "{rtp_range}"\n'
        "}\n"
        "nat: {\n  " + "\n  ".join(nat) + "\n}\n"
        "plugins: {\n}\ntransports: {\n}\nevents: {\n  broadcast = false\n}\n"
        'loggers: {\n  disable = "libjanus_jsonlog.so"\n}\n'
    )
    (folder / "janus.transport.http.jcfg").write_text(
        "general: {\n"
        '  base_path = "/janus"\n'
        "  http = true\n"
        f"  port = {http_port}\n"
        '  ip = "127.0.0.1"\n'
        "  https = false\n"
        "}\n"
        "admin: {\n  admin_http = false\n}\n"
    )
    (folder / "janus.plugin.videoroom.jcfg").write_text(
        f'general: {{\n  admin_key = "{admin_key}"\n  lock_rtp_forward = true\n}}\n'
    )
    return folder


def write_turn_config(
    path: Path,
    *,
    port: int = 3478,
    secret: str,
    realm: str,
    listening_ip: str = "127.0.0.1",
    relay_ip: str = "",
    external_ip: str = "",
    min_port: int = 49160,
    max_port: int = 49200,
    loopback_peers: bool = False,
    userdb: str = "",
) -> Path:
    """coturn's configuration: time-limited credentials (`use-auth-secret`) only.

    The platform derives each user's credentials from the same secret
    (services.ice_servers); no static user, no TCP relay to private networks.
    """
    lines = [
        f"listening-port={port}",
        f"listening-ip={listening_ip}",
        f"relay-ip={relay_ip or listening_ip}",
        f"min-port={min_port}",
        f"max-port={max_port}",
        "use-auth-secret",
        f"static-auth-secret={secret}",
        f"realm={realm}",
        "fingerprint",
        "no-tls",
        "no-dtls",
        "no-cli",
        "no-multicast-peers",
        "no-tcp-relay",
        "stale-nonce=600",
        "user-quota=12",
        "total-quota=1200",
        "simple-log",
        "log-file=stdout",
    ]
    if external_ip:
        lines.append(f"external-ip={external_ip}")
    if userdb:
        lines.append(f"userdb={userdb}")
    if loopback_peers:  # tests only: both browsers and the relay are on this machine
        lines.append("allow-loopback-peers")
    path.write_text("\n".join(lines) + "\n")
    return path
