"""deploy/backup.sh: a dated backup per run, a weekly and a monthly copy, rotation."""

import os
import subprocess
import sys
import time
import uuid

from django.conf import settings

from jumelage.backups import instance

SCRIPT = settings.BASE_DIR / "deploy" / "backup.sh"


def test_the_cron_script_keeps_the_newest_backups_of_each_level(tmp_path):
    backups = tmp_path / "backups"
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "JUMELAGE_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": uuid.uuid4().hex,
        "BACKUP_DIR": str(backups),
        "BACKUP_KEEP_DAILY": "2",
        "JUMELAGE_PYTHON": sys.executable,
    }
    made = []
    for _run in range(3):
        result = subprocess.run([SCRIPT], env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        made.append(result.stdout.strip().splitlines()[-1])
        time.sleep(1)  # backups are named to the second

    daily = sorted(p.name for p in (backups / "daily").iterdir())
    assert daily == sorted(os.path.basename(m) for m in made[1:])
    # The first run of this week and month is kept apart, whole, after its daily went.
    for level in ("weekly", "monthly"):
        (kept,) = (backups / level).iterdir()
        assert kept.name == os.path.basename(made[0])
        assert instance.verify(kept)["database"]["vendor"] == "sqlite"
    assert (backups / "daily").stat().st_mode & 0o077 == 0

    # A damaged part is found before anything is restored.
    damaged = backups / "daily" / daily[-1] / instance.SECRET_KEY
    damaged.write_text("not the key\n")
    result = subprocess.run(
        [sys.executable, "manage.py", "restore_instance", "--from", str(damaged.parent)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "secret_key does not match its checksum: the backup is damaged" in result.stderr
