#!/usr/bin/env bash
# gunicorn (sync, gthread) against granian (WSGI) on the bare Django view, 1 worker each.
# Needs a database with a teacher of an active project (demo data: `make prod` with
# PROD_DEMO=1) and a running `make prod` on HOST for the accounts (bench/load_journeys.py).
#   DATABASE_URL=... REDIS_URL=... HOST=http://127.0.0.1:8080 bench/wsgi_servers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export JUMELAGE_BENCH_VIEW=1 LOG_FORMAT=text
HOST=${HOST:-http://127.0.0.1:8080}
PORT=${PORT:-9190}
OUT=$(mktemp -d)
.venv/bin/python bench/load_journeys.py --host "$HOST" --users 1 --seconds 1 \
  --saturate-users 1 --saturate-seconds 1 --out "$OUT/prep" > /dev/null
export LOAD_ACCOUNTS_FILE="$OUT/prep/accounts.json"
for server in gunicorn-sync gunicorn-gthread granian; do
  case $server in
    gunicorn-sync) .venv/bin/gunicorn jumelage.wsgi:application --bind 127.0.0.1:$PORT --workers 1 --no-control-socket --log-level warning & ;;
    gunicorn-gthread) .venv/bin/gunicorn jumelage.wsgi:application --bind 127.0.0.1:$PORT --workers 1 --threads 4 --worker-class gthread --no-control-socket --log-level warning & ;;
    granian) .venv/bin/granian --interface wsgi --host 127.0.0.1 --port $PORT --workers 1 --blocking-threads 4 --log-level warning jumelage.wsgi:application & ;;
  esac
  pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/livez" > /dev/null && break; sleep 0.2; done
  for round in 1 2; do
    .venv/bin/python -m locust -f bench/load_journeys.py --headless --host "http://127.0.0.1:$PORT" \
      --users 8 --spawn-rate 8 --run-time 15s --csv "$OUT/$server" --only-summary --loglevel ERROR Bare > /dev/null 2>&1
    # requests, failures, mean ms, req/s of the bare view; then the load average
    echo "$server round $round: $(grep 'bare view' "$OUT/${server}_stats.csv" | cut -d, -f3,4,6,10) load $(cut -d' ' -f1 /proc/loadavg)"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
