"""Handlers that apps plug into the project WebSocket.

A frame {"type": "chat.send", ...} goes to the handler registered for the
"chat" prefix. Chat, presence and video-meeting signalling share one
connection per project and one set of checks (see consumers.ProjectConsumer).

A handler is `async def handle(consumer, action: str, content: dict) -> None`;
it reads `consumer.access` (what the connect policy returned, built once per
connection: never re-query the membership per frame), checks the state of
things for the action (through database_sync_to_async) and answers with
`await consumer.send_error(...)` on refusal.

Who may open a project connection at all is not realtime's business: the app
that owns projects registers one connect policy, `fn(user, project_id) -> access
| None` (None refuses with 4403), with `register_connect_policy`. If the access has a
`role`, a periodic re-check that finds another one closes with 1012 (reconnect).
Group events sent to `project_group(project_id)` with type "<prefix>.<event>"
are passed to the handler registered with `events=` for that prefix.
A handler never sees a malformed frame (see frames.py) nor runs for a
connection whose rights were revoked (see consumers.py); an exception it raises
becomes an error frame, and disconnect hooks always run.
"""

from collections.abc import Awaitable, Callable

Handler = Callable[..., Awaitable[None]]

FRAME_HANDLERS: dict[str, Handler] = {}
FRAME_ACTIONS: dict[str, tuple[str, ...]] = {}
EVENT_HANDLERS: dict[str, Handler] = {}
CONNECT_HOOKS: list[Handler] = []
DISCONNECT_HOOKS: list[Handler] = []
USER_CONNECT_HOOKS: list[Handler] = []
USER_DISCONNECT_HOOKS: list[Handler] = []
HEARTBEAT_HOOKS: list[Handler] = []
CONNECT_POLICY: list[Callable] = []  # at most one: the last registered
CONNECT_POLICY_MANY: list[Callable] = []  # its form for many connections, if it has one


def register_connect_policy(policy: Callable, many: Callable | None = None) -> None:
    """`policy(user, project_id) -> access | None`, run in a thread at connect and re-checks.

    `many([(user, project_id), ...]) -> [access | None, ...]` answers as `policy`
    does for each pair, in a few queries: the re-checks of many connections use it.
    """
    CONNECT_POLICY[:] = [policy]
    CONNECT_POLICY_MANY[:] = [many] if many is not None else []


def connect_access(user, project_id: int):
    """The access the connect policy gives `user` to the project, or None (refused)."""
    if not CONNECT_POLICY:
        return None  # nothing registered: no project connection at all
    return CONNECT_POLICY[0](user, project_id)


def connect_accesses(pairs) -> list:
    """connect_access() of each (user, project_id) pair, at once when the policy can."""
    if len(pairs) > 1 and CONNECT_POLICY_MANY:
        return list(CONNECT_POLICY_MANY[0](pairs))
    return [connect_access(user, project_id) for user, project_id in pairs]


def register(
    prefix: str, frames: Handler, events: Handler | None = None, actions: tuple[str, ...] = ()
) -> None:
    """`actions` lists the frame actions the handler takes (the fuzz test walks them)."""
    FRAME_HANDLERS[prefix] = frames
    if actions:
        FRAME_ACTIONS[prefix] = tuple(actions)
    if events is not None:
        EVENT_HANDLERS[prefix] = events


def on_connect(hook: Handler) -> None:
    CONNECT_HOOKS.append(hook)


def on_disconnect(hook: Handler) -> None:
    DISCONNECT_HOOKS.append(hook)


def on_user_disconnect(hook: Handler) -> None:
    """`async def hook(consumer)` run once however a /ws/me/ connection ends."""
    USER_DISCONNECT_HOOKS.append(hook)


def on_heartbeat(hook: Handler) -> None:
    """`async def hook(consumer)` run every REALTIME_HEARTBEAT seconds per project connection."""
    HEARTBEAT_HOOKS.append(hook)


def on_user_connect(hook: Handler) -> None:
    """`async def hook(consumer)` run after /ws/me/ accepted (e.g. send unread counts)."""
    USER_CONNECT_HOOKS.append(hook)


def project_group(project_id: int) -> str:
    return f"project.{project_id}"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def sockets_group(user_id: int) -> str:
    """Every open connection of a user, of both kinds: revocation events go here."""
    return f"sockets.user.{user_id}"
