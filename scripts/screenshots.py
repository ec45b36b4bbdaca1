"""Regenerate docs/screenshots/: the main pages at 1280 px and 390 px (issue 14).

One command, from the repository root (`make screenshots` runs it):

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--port 9811]

It builds a fresh demo database in a temporary folder (migrate + load_demo), serves it
with uvicorn on 127.0.0.1, signs in as the demo teacher and pupil (sessions made by
Django's test client, so no password or second factor is typed) and saves one PNG per
page and width with headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH). Nothing
outside the temporary folder and --out is written.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def pages(project_id: int) -> list[tuple[str, str, str]]:
    """(file name, who, path) of the pages shown in the docs."""
    space = f"/projects/{project_id}/space"
    return [
        ("home", "visitor", "/"),
        ("login", "visitor", "/accounts/login/"),
        ("dashboard", "teacher", "/dashboard/"),
        ("my-projects", "teacher", "/projects/mine/"),
        ("project", "teacher", f"/projects/{project_id}/"),
        ("twinspace", "teacher", f"{space}/"),
        ("pages", "teacher", f"{space}/pages/"),
        ("forum", "teacher", f"{space}/forum/"),
        ("calendar", "teacher", f"{space}/calendar/"),
        ("members", "teacher", f"/projects/{project_id}/members/"),
        ("messages", "teacher", "/messages/"),
        ("notifications", "teacher", "/notifications/"),
        ("partners", "teacher", "/partners/"),
        ("pupil-space", "pupil", f"{space}/"),
    ]


def wait_ready(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"the server at {url} did not become ready")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs/screenshots"))
    parser.add_argument("--port", type=int, default=9811)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    base = f"http://127.0.0.1:{args.port}"
    with tempfile.TemporaryDirectory(prefix="jumelage-screens-") as var:
        env = {
            **os.environ,
            "JUMELAGE_VAR_DIR": var,
            "DJANGO_SETTINGS_MODULE": "jumelage.settings",
            "SITE_URL": base,
            "LOG_LEVEL": "ERROR",
            "EMAIL_URL": "dummymail://",  # the demo's invitations, not on the console
        }
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        os.environ.update({k: v for k, v in env.items() if k != "DATABASE_URL"})
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        with open(os.devnull, "w") as quiet:
            call_command("load_demo", stdout=quiet)
        sessions, project_id = _sessions()
        server = subprocess.Popen(  # noqa: S603 - our own server, on the loopback
            [sys.executable, "-m", "uvicorn", "jumelage.asgi:application", "--host",
             "127.0.0.1", "--port", str(args.port), "--ws", "websockets-sansio"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_ready(base)
            _shoot(base, sessions, pages(project_id), out)
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(f"screenshots written to {out}")


def _sessions() -> tuple[dict, int]:
    """Session cookies of the demo teacher and pupil, and the demo project's id."""
    from django.conf import settings
    from django.test import Client

    from jumelage.accounts.models import User
    from jumelage.projects.models import Membership

    teacher = User.objects.get(email="claire.martin@demo.jumelage.eu")
    pupil_membership = (
        Membership.objects.filter(user__username="demo-pupil-1").select_related("project").first()
    )
    sessions = {"visitor": None}
    for who, user in (("teacher", teacher), ("pupil", pupil_membership.user)):
        client = Client()
        client.force_login(user)
        sessions[who] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions, pupil_membership.project_id


def _shoot(base: str, sessions: dict, shots: list, out: Path) -> None:
    from django.conf import settings
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for size_name, viewport in WIDTHS.items():
            contexts = {}
            for who, cookie in sessions.items():
                context = browser.new_context(viewport=viewport, locale="en-GB")
                if cookie:
                    context.add_cookies(
                        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}]
                    )
                contexts[who] = context.new_page()
            for name, who, path in shots:
                page = contexts[who]
                page.goto(base + path, wait_until="networkidle")
                page.screenshot(path=str(out / f"{name}-{size_name}.png"))
        browser.close()


if __name__ == "__main__":
    main()
