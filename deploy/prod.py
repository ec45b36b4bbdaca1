"""`make prod`: the production topology of one machine, started with one command.

nginx in front (pages to gunicorn, /ws/ to uvicorn, monitors to a small separate pool,
/static/ from disk), Celery worker and beat, Janus and coturn when configured, on the PostgreSQL and Redis given by
DATABASE_URL and REDIS_URL. The processes are deploy/Procfile, run by honcho: one
stops, all stop (a supervisor such as systemd restarts the whole). Configuration:
deploy/prod.env (see prod.env.example) or the environment; docs/production.md.

    python deploy/prod.py              # migrate, collectstatic, then run everything
    python deploy/prod.py --no-setup   # run only (tests, a second node)
    python deploy/prod.py --print-nginx
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"

DEFAULTS = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/jumelage",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "BEHIND_PROXY": "1",
    "TRUSTED_PROXIES": "127.0.0.1",
    "HTTP_PORT": "8080",
    "HTTPS_PORT": "8443",
    # nginx sends the files the views allowed (X-Accel-Redirect to its internal /media/).
    "MEDIA_ACCEL_REDIRECT": "/media/",
    "WSGI_PORT": "8001",
    "ASGI_PORT": "8002",
    "HEALTH_PORT": "8003",
    # One process more than the cores, two threads each: a worker's Python runs one
    # thread at a time (the GIL), so two processes on two cores left a core idle while
    # the other queued; measured on 2 cores, 2x4 served 68-71 journey requests a second,
    # 3x2 and 4x1 75-79 (docs/benchmarks.md, "Page workers").
    "WEB_WORKERS": str((os.cpu_count() or 1) + 1),
    "WEB_THREADS": "2",
    "ASGI_WORKERS": "1",
    "CELERY_CONCURRENCY": "2",
    "CELERY_LOG_LEVEL": "WARNING",
    "GRACEFUL_TIMEOUT": "20",
    "NGINX_WORKERS": "auto",
    "CLIENT_MAX_BODY_SIZE": "110m",
    "SERVER_NAME": "_",
    "PROD_DIR": str(ROOT / "var" / "prod"),
    "ACCESS_LOG": "off",
    # The SFU (Janus) and TURN (coturn) of video meetings, run when their secrets are set
    # (JANUS_TOKEN_SECRET and JANUS_ADMIN_KEY; WEBRTC_TURN_SECRET): docs/meetings.md.
    "JANUS_HTTP_PORT": "8088",
    "JANUS_RTP_PORTS": "20000-20999",
    "JANUS_BIN": "janus",
    "TURN_BIN": "turnserver",
    "TURN_PORT": "3478",
    "TURN_MIN_PORT": "49160",
    "TURN_MAX_PORT": "49200",
    "PUBLIC_IP": "",
}

# Procfile entries that run only when configured: name -> the variables they need.
OPTIONAL = {
    "sfu": ("JANUS_TOKEN_SECRET", "JANUS_ADMIN_KEY"),
    "turn": ("WEBRTC_TURN_SECRET",),
}


def read_env_file(path: Path) -> dict:
    """KEY=VALUE lines; blank lines, comments and trailing `# comments` ignored."""
    values = {}
    if not path.exists():
        return values
    for line in path.read_text().splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip().strip("'\"")
    return values


def configuration(environ=None, env_file: Path | None = None) -> dict:
    """Defaults < deploy/prod.env < the environment."""
    environ = dict(os.environ if environ is None else environ)
    env_file = env_file or Path(environ.get("PROD_ENV_FILE", DEPLOY / "prod.env"))
    cfg = {**DEFAULTS, **read_env_file(env_file), **environ}
    if cfg.get("TLS_CERT") and cfg.get("TLS_KEY"):
        # nginx terminates TLS: the application makes secure cookies and https links;
        # HSTS comes from nginx (tls_parts), the redirect from nginx's port-80 server.
        cfg.setdefault("HTTPS", "1")
        port = cfg["HTTPS_PORT"]
        cfg.setdefault("SITE_URL", "https://127.0.0.1" + ("" if port == "443" else f":{port}"))
    cfg.setdefault("SITE_URL", f"http://127.0.0.1:{cfg['HTTP_PORT']}")
    cfg["PROD_DIR"] = str(Path(cfg["PROD_DIR"]).resolve())
    Path(cfg["PROD_DIR"]).mkdir(parents=True, exist_ok=True)
    cfg["BIN"] = str(Path(sys.executable).parent)
    cfg["NGINX_BIN"] = cfg.get("NGINX_BIN") or nginx_binary() or "nginx"
    if cfg.get("JANUS_TOKEN_SECRET"):
        cfg.setdefault("JANUS_URL", f"http://127.0.0.1:{cfg['JANUS_HTTP_PORT']}/janus")
    return cfg


def write_media_servers(cfg: dict) -> None:
    """Janus' and coturn's configuration in PROD_DIR, from the same secrets as the platform."""
    sys.path.insert(0, str(ROOT))
    from jumelage.meetings import sfu

    public_ip = cfg.get("PUBLIC_IP", "")
    if all(cfg.get(name) for name in OPTIONAL["sfu"]):
        sfu.write_config(
            Path(cfg["PROD_DIR"]) / "janus",
            http_port=int(cfg["JANUS_HTTP_PORT"]),
            token_secret=cfg["JANUS_TOKEN_SECRET"],
            admin_key=cfg["JANUS_ADMIN_KEY"],
            rtp_range=cfg["JANUS_RTP_PORTS"],
            nat_1_1=public_ip,
        )
    if cfg.get("WEBRTC_TURN_SECRET"):
        sfu.write_turn_config(
            Path(cfg["PROD_DIR"]) / "turnserver.conf",
            port=int(cfg["TURN_PORT"]),
            secret=cfg["WEBRTC_TURN_SECRET"],
            realm=cfg.get("TURN_REALM") or cfg["SERVER_NAME"].replace("_", "jumelage"),
            listening_ip=cfg.get("TURN_LISTENING_IP", "0.0.0.0"),  # noqa: S104 - TURN is public
            relay_ip=cfg.get("TURN_RELAY_IP", ""),
            external_ip=public_ip,
            min_port=int(cfg["TURN_MIN_PORT"]),
            max_port=int(cfg["TURN_MAX_PORT"]),
            userdb=str(Path(cfg["PROD_DIR"]) / "turndb"),
        )


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None


def _fill(template: str, values: dict) -> str:
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", str(value))
    assert "{{" not in template, template[template.index("{{") : template.index("{{") + 40]
    return template


def _servers(addresses) -> str:
    return "\n".join(f"    server {address};" for address in addresses)


def tls_parts(tls: dict | None, server_name: str) -> dict:
    """The template's TLS pieces: certificate lines, HSTS, the port-80 redirect server.

    `tls`: cert, key, redirect_listen (host:port of plain HTTP, or ""), https_port, hsts
    (the Strict-Transport-Security value)."""
    if not tls:
        return {"TLS_LINES": "", "HSTS_LINE": "", "REDIRECT_SERVER": ""}
    hsts = f'        add_header Strict-Transport-Security "{tls["hsts"]}" always;'
    lines = "\n".join(
        [
            f"    ssl_certificate     {tls['cert']};",
            f"    ssl_certificate_key {tls['key']};",
            "    ssl_protocols TLSv1.2 TLSv1.3;",
            "    ssl_prefer_server_ciphers off;",
            "    ssl_session_cache shared:jumelage_tls:10m;",
            "    ssl_session_timeout 1d;",
            "    ssl_session_tickets off;",
            "    # HSTS from nginx alone, on every answer (pages, static files, media);",
            "    # the application's own header is hidden so that there is one.",
            "    proxy_hide_header Strict-Transport-Security;",
            hsts.replace("        ", "    ", 1),
        ]
    )
    redirect = ""
    if tls.get("redirect_listen"):
        port = str(tls["https_port"])
        suffix = "" if port == "443" else f":{port}"
        redirect = (
            "# Plain HTTP: everything to HTTPS (no page, no cookie ever over HTTP).\n"
            "server {\n"
            f"    listen {tls['redirect_listen']};\n"
            f"    server_name {server_name};\n"
            f"    return 301 https://$host{suffix}$request_uri;\n"
            "}\n"
        )
    return {"TLS_LINES": lines, "HSTS_LINE": hsts, "REDIRECT_SERVER": redirect}


def hsts_value(cfg: dict) -> str:
    """The same policy as Django's settings (HSTS_SECONDS, HSTS_INCLUDE_SUBDOMAINS...)."""
    value = f"max-age={cfg.get('HSTS_SECONDS', '31536000')}"
    if cfg.get("HSTS_INCLUDE_SUBDOMAINS", "1").lower() in ("1", "true", "yes", "on"):
        value += "; includeSubDomains"
    if cfg.get("HSTS_PRELOAD", "1").lower() in ("1", "true", "yes", "on"):
        value += "; preload"
    return value


def render_site(
    *,
    listen,
    wsgi,
    asgi,
    health,
    static_root,
    media_root,
    node="",
    server_name="_",
    client_max_body_size="110m",
    tls=None,
) -> str:
    """One server block and its upstreams; wsgi/asgi/health: lists of host:port;
    `tls`: see tls_parts (then `listen` is the HTTPS address)."""
    if tls:
        listen = f"{listen} ssl"
    return _fill(
        (DEPLOY / "nginx-site.conf.template").read_text(),
        {
            **tls_parts(tls, server_name),
            "NODE": node,
            "LISTEN": listen,
            "SERVER_NAME": server_name,
            "CLIENT_MAX_BODY_SIZE": client_max_body_size,
            "WSGI_SERVERS": _servers(wsgi),
            "ASGI_SERVERS": _servers(asgi),
            "HEALTH_SERVERS": _servers(health),
            "STATIC_ROOT": Path(static_root).resolve(),
            "MEDIA_ROOT": Path(media_root).resolve(),
        },
    )


def render_main(prefix: Path, sites: list[str], workers="auto", access_log="off") -> str:
    mime = "/etc/nginx/mime.types"
    text = _fill(
        (DEPLOY / "nginx-main.conf.template").read_text(),
        {
            # Run as root (a container, CI), workers would be `nobody` and could not read
            # STATIC_ROOT: keep the current user. A system nginx keeps its own user line.
            "USER_LINE": "user root;" if os.geteuid() == 0 else "",
            "NGINX_WORKERS": workers,
            "PREFIX": prefix,
            "MIME_TYPES": mime,
            "ACCESS_LOG": access_log,
            "SITES": "\n".join(sites),
        },
    )
    if not os.path.exists(mime):
        text = text.replace(f"    include {mime};\n", "")
    return text


def write_nginx(prefix: Path, sites: list[str], workers="auto", access_log="off") -> Path:
    prefix.mkdir(parents=True, exist_ok=True)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / sub).mkdir(exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(render_main(prefix, sites, workers, access_log))
    return conf


def django_paths(cfg: dict) -> tuple[str, str]:
    """STATIC_ROOT and MEDIA_ROOT as the application sees them with this environment."""
    code = "from django.conf import settings as s; print(s.STATIC_ROOT); print(s.MEDIA_ROOT)"
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**cfg, "DJANGO_SETTINGS_MODULE": "jumelage.settings"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\n")
    return out[0], out[1]


def tls_for(cfg: dict) -> dict | None:
    """TLS when TLS_CERT and TLS_KEY are set: HTTPS on HTTPS_PORT, HTTP_PORT redirects."""
    if not (cfg.get("TLS_CERT") and cfg.get("TLS_KEY")):
        return None
    host = cfg.get("HTTP_HOST", "127.0.0.1")
    return {
        "cert": cfg["TLS_CERT"],
        "key": cfg["TLS_KEY"],
        "redirect_listen": f"{host}:{cfg['HTTP_PORT']}",
        "https_port": cfg["HTTPS_PORT"],
        "hsts": hsts_value(cfg),
    }


def site_for(cfg: dict) -> str:
    static_root, media_root = django_paths(cfg)
    tls = tls_for(cfg)
    port = cfg["HTTPS_PORT"] if tls else cfg["HTTP_PORT"]
    return render_site(
        tls=tls,
        listen=f"{cfg.get('HTTP_HOST', '127.0.0.1')}:{port}",
        wsgi=[f"127.0.0.1:{cfg['WSGI_PORT']}"],
        asgi=[f"127.0.0.1:{cfg['ASGI_PORT']}"],
        health=[f"127.0.0.1:{cfg['HEALTH_PORT']}"],
        static_root=static_root,
        media_root=media_root,
        server_name=cfg["SERVER_NAME"],
        client_max_body_size=cfg["CLIENT_MAX_BODY_SIZE"],
    )


def system_site(cfg: dict) -> str:
    """For Debian's nginx (systemd): /etc/nginx/conf.d/jumelage.conf, in its http block."""
    main = (DEPLOY / "nginx-main.conf.template").read_text()
    start = main.index("    map $http_upgrade")
    block = main[start : main.index("    }", start) + len("    }")]
    return "# Rendered by deploy/prod.py --print-site.\n" + block + "\n\n" + site_for(cfg)


def processes(cfg: dict, only=None) -> dict[str, str]:
    """deploy/Procfile with ${NAME} filled from the configuration."""
    result = {}
    for line in (DEPLOY / "Procfile").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, command = line.split(":", 1)
        if only and name not in only:
            continue
        if name in OPTIONAL and not all(cfg.get(v) for v in OPTIONAL[name]):
            continue  # not configured: meetings stay on the mesh, without TURN
        result[name] = Template(command.strip()).substitute(cfg)
    return result


def setup(cfg: dict) -> None:
    manage = [sys.executable, str(ROOT / "manage.py")]
    steps = [["compiletranslations"], ["migrate", "--noinput"], ["collectstatic", "--noinput"]]
    if cfg.get("PROD_DEMO") == "1":
        steps.append(["load_demo"])
    for step in steps:
        print("prod:", "manage.py", *step, flush=True)
        subprocess.run([*manage, *step], env=cfg, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-setup", action="store_true", help="skip migrate/collectstatic")
    parser.add_argument("--only", help="comma-separated process names of deploy/Procfile")
    parser.add_argument("--print-nginx", action="store_true", help="print nginx.conf, exit")
    parser.add_argument(
        "--print-site",
        action="store_true",
        help="print the map and server blocks for a system nginx's conf.d/, exit",
    )
    parser.add_argument(
        "--media-config",
        choices=sorted(OPTIONAL),
        help="write that media server's configuration and exit 0; exit 1 when it is not "
        "configured (systemd's ExecCondition= then skips the unit)",
    )
    args = parser.parse_args(argv)
    cfg = configuration()
    if args.media_config:
        if not all(cfg.get(v) for v in OPTIONAL[args.media_config]):
            return 1
        write_media_servers(cfg)
        return 0
    cfg.setdefault("LOG_FORMAT", "text")
    prefix = Path(cfg["PROD_DIR"]) / "nginx"
    only = args.only.split(",") if args.only else None
    if args.print_site:
        print(system_site(cfg))
        return 0
    if args.print_nginx:
        print(render_main(prefix, [site_for(cfg)], cfg["NGINX_WORKERS"], cfg["ACCESS_LOG"]))
        return 0
    if not args.no_setup:
        setup(cfg)
    write_media_servers(cfg)
    if only is None or "nginx" in only:
        write_nginx(prefix, [site_for(cfg)], cfg["NGINX_WORKERS"], cfg["ACCESS_LOG"])

    from honcho.manager import Manager
    from honcho.printer import Printer

    manager = Manager(Printer(sys.stdout, colour=sys.stdout.isatty()))
    for name, command in processes(cfg, only).items():
        manager.add_process(name, command, env=cfg, cwd=str(ROOT))
    print(f"prod: {cfg['SITE_URL']}/ (nginx); Ctrl-C stops all", flush=True)
    manager.loop()
    return manager.returncode or 0


if __name__ == "__main__":
    sys.exit(main())
