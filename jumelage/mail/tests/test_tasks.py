"""The outbox's Celery tasks: swept every minute, and still run under their old names."""

from jumelage.celery import app


def test_the_beat_schedule_sweeps_the_outbox_every_minute():
    entries = [e for e in app.conf.beat_schedule.values() if e["task"].endswith("sweep_outbox")]
    assert [e["task"] for e in entries] == ["jumelage.mail.tasks.sweep_outbox"]
    assert entries[0]["schedule"] == 60.0


def test_messages_queued_under_the_notifications_names_still_have_a_worker():
    app.loader.import_default_modules()
    for old, new in [
        (
            "jumelage.notifications.tasks.send_outbox_message",
            "jumelage.mail.tasks.send_outbox_message",
        ),
        ("jumelage.notifications.tasks.sweep_outbox", "jumelage.mail.tasks.sweep_outbox"),
    ]:
        assert old in app.tasks and new in app.tasks
