"""Live chat against a real server: Chromium pages, raw WebSocket clients, two processes."""

import asyncio
import json
import os
import subprocess
import sys
import time
from zoneinfo import ZoneInfo

import pytest
import websockets
from django.test import Client

from jumelage.calendar.models import UserCalendarSettings
from jumelage.chat.models import Message, Room
from jumelage.realtime.testing import ensure_reference_data, fresh_channel_layers, run_in_thread
from jumelage.testing import make_project, make_pupil

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    ensure_reference_data()


@pytest.fixture(autouse=True)
def _fresh_layers():
    """Set up before live_asgi: the server gets a channel layer bound to its own loop."""
    fresh_channel_layers()
    yield
    fresh_channel_layers()


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def logged_in_page(new_page, base_url, user):
    page = new_page()
    page.context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(user), "url": base_url}]
    )
    return page


def two_projects():
    project = make_project(pupils_need_approval=False)
    other = make_project(pupils_need_approval=False)
    general = Room.objects.create(project=project, kind="general")
    other_general = Room.objects.create(project=other, kind="general")
    return project, other, general, other_general


@pytest.mark.e2e
def test_two_pages_in_a_room_chat_live_and_another_project_sees_nothing(live_asgi, new_page):
    project, other, general, other_general = two_projects()
    alice, bob = make_pupil(project, name="Alice"), make_pupil(project, name="Bob")
    carol = make_pupil(other, name="Carol")
    UserCalendarSettings.objects.create(user=alice, timezone="Asia/Tokyo")  # her pages' zone
    pages = {}
    for name, user, p, room in [
        ("alice", alice, project, general),
        ("bob", bob, project, general),
        ("carol", carol, other, other_general),
    ]:
        page = logged_in_page(new_page, live_asgi, user)
        page.goto(f"{live_asgi}/projects/{p.pk}/space/chat/rooms/{room.pk}/")
        page.wait_for_selector("#chat[data-socket=open]")
        pages[name] = page
    # Presence: Alice sees Bob here.
    pages["alice"].locator("#chat-presence", has_text="Bob").wait_for()

    pages["alice"].get_by_role("textbox", name="Message").fill("Hello from Paris <i>!</i>")
    pages["alice"].get_by_role("button", name="Send").click()
    pages["bob"].locator(".chat-message", has_text="Hello from Paris <i>!</i>").wait_for()
    pages["bob"].get_by_role("textbox", name="Message").fill("Hallo aus Berlin")
    pages["bob"].get_by_role("textbox", name="Message").press("Enter")
    pages["alice"].locator(".chat-message", has_text="Hallo aus Berlin").wait_for()
    # A live time reads as on reload: the reader's zone, 24 h.
    sent = Message.objects.get(body__contains="Hallo aus Berlin").created_at
    live = pages["alice"].locator(".chat-message", has_text="Hallo aus Berlin").locator("time")
    assert live.inner_text() == sent.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%H:%M")
    # Each message shows once on each page, escaped.
    for name in ("alice", "bob"):
        assert pages[name].locator(".chat-message", has_text="Hello from Paris").count() == 1
        assert pages[name].locator(".chat-message i").count() == 0
    time.sleep(0.5)
    assert pages["carol"].locator(".chat-message").count() == 0
    assert Message.objects.filter(room=general).count() == 2
    # A mention lights Alice's notification badge at once.
    badge = pages["alice"].locator("#notification-badge .badge-count")
    assert badge.inner_text() == ""
    pages["bob"].get_by_role("textbox", name="Message").fill("@Alice regarde !")
    pages["bob"].get_by_role("button", name="Send").click()
    pages["alice"].locator("#notification-badge .badge-count", has_text="1").wait_for()
    # A reload shows the stored history.
    pages["bob"].reload()
    pages["bob"].locator(".chat-message", has_text="Hallo aus Berlin").wait_for()


@pytest.mark.e2e
def test_a_page_that_lost_its_connection_catches_up_without_duplicates(live_asgi, new_page):
    project, _other, general, _ = two_projects()
    alice, bob = make_pupil(project, name="Alice"), make_pupil(project, name="Bob")
    url = f"{live_asgi}/projects/{project.pk}/space/chat/rooms/{general.pk}/"
    page_a = logged_in_page(new_page, live_asgi, alice)
    page_a.goto(url)
    page_a.wait_for_selector("#chat[data-socket=open]")
    page_b = logged_in_page(new_page, live_asgi, bob)
    page_b.goto(url)
    page_b.wait_for_selector("#chat[data-socket=open]")
    page_a.get_by_role("textbox", name="Message").fill("before")
    page_a.get_by_role("button", name="Send").click()
    page_b.locator(".chat-message", has_text="before").wait_for()
    # Bob's socket drops (server side): the page reconnects with the last id it saw.
    page_b.evaluate("window.__closed = true")
    page_b.context.set_offline(True)
    page_a.get_by_role("textbox", name="Message").fill("while away")
    page_a.get_by_role("button", name="Send").click()
    page_a.locator(".chat-message", has_text="while away").wait_for()
    page_b.context.set_offline(False)
    page_b.locator(".chat-message", has_text="while away").wait_for(timeout=30000)
    time.sleep(1)
    assert page_b.locator(".chat-message", has_text="while away").count() == 1
    assert page_b.locator(".chat-message", has_text="before").count() == 1


async def _ws(base_url, project_id, cookie):
    ws_url = base_url.replace("http://", "ws://") + f"/ws/projects/{project_id}/"
    return await websockets.connect(
        ws_url,
        additional_headers={"Cookie": f"sessionid={cookie}"},
        origin=base_url,
        open_timeout=10,
    )


async def _until(ws, kind, timeout=10):
    async with asyncio.timeout(timeout):
        while True:
            frame = json.loads(await ws.recv())
            if frame["type"] == kind:
                return frame


def test_a_pupil_of_project_a_is_refused_by_project_b_with_code_4403(live_asgi):
    project, other, _general, _ = two_projects()
    cookie = session_cookie(make_pupil(project))

    async def scenario():
        ws = await _ws(live_asgi, other.pk, cookie)
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await ws.recv()
        return closed.value.rcvd.code

    assert run_in_thread(scenario) == 4403


def test_a_foreign_origin_is_refused(live_asgi):
    project, *_ = two_projects()
    cookie = session_cookie(make_pupil(project))

    async def scenario():
        ws_url = live_asgi.replace("http://", "ws://") + f"/ws/projects/{project.pk}/"
        with pytest.raises(websockets.InvalidStatus):
            await websockets.connect(
                ws_url,
                additional_headers={"Cookie": f"sessionid={cookie}"},
                origin="http://evil.example",
            )

    run_in_thread(scenario)


def test_disconnect_send_meanwhile_reconnect_gets_missed_messages_once(live_asgi):
    project, _other, general, _ = two_projects()
    a, b = session_cookie(make_pupil(project)), session_cookie(make_pupil(project))
    room = general.pk

    async def scenario():
        wa = await _ws(live_asgi, project.pk, a)
        wb = await _ws(live_asgi, project.pk, b)
        for ws in (wa, wb):
            await ws.send(json.dumps({"type": "chat.join", "room": room}))
            await _until(ws, "chat.history")
        await wa.send(
            json.dumps({"type": "chat.send", "room": room, "client_id": "1", "body": "one"})
        )
        cursor = (await _until(wb, "chat.message"))["message"]["seq"]
        await wb.close()
        for n in ("two", "three"):
            await wa.send(
                json.dumps({"type": "chat.send", "room": room, "client_id": n, "body": n})
            )
            await _until(wa, "chat.ack")
        # The sender's ack was lost: it resends "three" with the same client id.
        await wa.send(
            json.dumps({"type": "chat.send", "room": room, "client_id": "three", "body": "three"})
        )
        await _until(wa, "chat.ack")
        wb = await _ws(live_asgi, project.pk, b)
        await wb.send(json.dumps({"type": "chat.join", "room": room, "since": cursor}))
        history = await _until(wb, "chat.history")
        await wa.close()
        await wb.close()
        return [m["body"] for m in history["messages"]]

    assert run_in_thread(scenario) == ["two", "three"]
    assert Message.objects.filter(room=general).count() == 3


@pytest.mark.services
def test_a_message_sent_through_one_server_process_reaches_a_client_on_another(
    live_asgi, redis_url, postgres
):
    from django.db import connection

    project, _other, general, _ = two_projects()
    a, b = session_cookie(make_pupil(project)), session_cookie(make_pupil(project))
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "jumelage.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--ws",
            "websockets-sansio",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    second = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)

        async def scenario():
            wa = await _ws(live_asgi, project.pk, a)  # this process
            wb = await _ws(second, project.pk, b)  # the other process
            for ws in (wa, wb):
                await ws.send(json.dumps({"type": "chat.join", "room": general.pk}))
                await _until(ws, "chat.history")
            await wa.send(
                json.dumps(
                    {"type": "chat.send", "room": general.pk, "client_id": "x", "body": "across"}
                )
            )
            received = await _until(wb, "chat.message")
            await wb.send(
                json.dumps(
                    {"type": "chat.send", "room": general.pk, "client_id": "y", "body": "back"}
                )
            )
            back = await _until(wa, "chat.message")
            while back["message"]["body"] != "back":
                back = await _until(wa, "chat.message")
            await wa.close()
            await wb.close()
            return received["message"]["body"], back["message"]["body"]

        assert run_in_thread(scenario) == ("across", "back")
    finally:
        server.terminate()
        server.wait(timeout=10)
