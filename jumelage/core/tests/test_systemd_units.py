"""deploy/systemd: one unit per process of deploy/Procfile, with the same command line,
and units systemd itself accepts (systemd-analyze verify, offline)."""

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SYSTEMD = ROOT / "deploy" / "systemd"
BIN = "/opt/jumelage/.venv/bin"
# The media servers are Debian's binaries (the Procfile names them by variable).
DEBIAN = {"/usr/bin/janus": "${JANUS_BIN}", "/usr/bin/turnserver": "${TURN_BIN}"}


def _procfile() -> dict[str, str]:
    lines = (ROOT / "deploy" / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip() and not line.startswith("#"))


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(path.read_text())
    return parser


def test_every_process_but_nginx_has_a_unit_with_the_procfiles_command_line():
    for name, command in _procfile().items():
        if name == "nginx":  # Debian's nginx.service, with deploy/prod.py --print-site
            continue
        unit = _unit(SYSTEMD / f"jumelage-{name}.service")
        if command.startswith("nice -n "):  # systemd says it with Nice=
            _, _, niceness, command = command.split(" ", 3)
            assert unit["Service"]["Nice"] == niceness, name
        exec_start = unit["Service"]["ExecStart"].replace("%%", "%").replace(BIN, "${BIN}")
        for binary, variable in DEBIAN.items():
            if exec_start.startswith(binary + " "):
                exec_start = variable + exec_start[len(binary) :]
        assert exec_start == command, name
        assert unit["Service"]["EnvironmentFile"] == "/etc/jumelage/jumelage.env"
        assert f"jumelage-{name}.service" in _unit(SYSTEMD / "jumelage.target")["Unit"]["Wants"]


def test_the_environment_example_sets_every_variable_the_units_use():
    import re

    example = (SYSTEMD / "jumelage.env.example").read_text()
    defined = set(re.findall(r"^([A-Z_]+)=", example, re.M))
    used = set()
    for path in SYSTEMD.glob("*.service"):
        used |= set(re.findall(r"\$\{([A-Z_]+)\}", _unit(path)["Service"]["ExecStart"]))
    assert used and used <= defined, used - defined


def test_systemd_accepts_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze is not installed")
    bin_dir = str(Path(shutil.which("python3") or "/usr/bin/python3").parent)
    real_bin = (
        str(ROOT / ".venv" / "bin") if (ROOT / ".venv" / "bin" / "gunicorn").exists() else bin_dir
    )
    for path in [*SYSTEMD.glob("*.service"), *SYSTEMD.glob("*.target")]:
        text = path.read_text().replace(BIN, real_bin).replace("/opt/jumelage", str(ROOT))
        (tmp_path / path.name).write_text(text)
    units = sorted(str(p) for p in tmp_path.iterdir())
    result = subprocess.run(
        [analyze, "verify", "--man=no", *units], capture_output=True, text=True, cwd=tmp_path
    )
    problems = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        # Units this box does not have (the database, Redis) are the operator's.
        if line.strip() and "postgresql.service" not in line and "redis-server.service" not in line
    ]
    assert result.returncode == 0 and not problems, result.stdout + result.stderr


def test_the_media_servers_start_only_once_their_secrets_are_set(tmp_path):
    """ExecCondition=: unset secrets skip the unit (exit 1); set, their configuration is written."""
    prod = [sys.executable, str(ROOT / "deploy" / "prod.py")]
    env = {"PATH": os.environ["PATH"], "PROD_DIR": str(tmp_path), "PROD_ENV_FILE": "/dev/null"}
    skipped = subprocess.run([*prod, "--media-config", "sfu"], env=env, capture_output=True)
    assert skipped.returncode == 1 and not (tmp_path / "janus").exists()
    env |= {"JANUS_TOKEN_SECRET": "t" * 32, "JANUS_ADMIN_KEY": "a" * 32}
    written = subprocess.run([*prod, "--media-config", "sfu"], env=env, capture_output=True)
    assert written.returncode == 0, written.stderr
    assert "t" * 32 in "".join(p.read_text() for p in (tmp_path / "janus").glob("*.jcfg"))
    turn = subprocess.run([*prod, "--media-config", "turn"], env=env, capture_output=True)
    assert turn.returncode == 1 and not (tmp_path / "turnserver.conf").exists()
    env["WEBRTC_TURN_SECRET"] = "s" * 32
    turn = subprocess.run([*prod, "--media-config", "turn"], env=env, capture_output=True)
    assert turn.returncode == 0 and "s" * 32 in (tmp_path / "turnserver.conf").read_text()
