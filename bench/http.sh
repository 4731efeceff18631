#!/usr/bin/env bash
# HTTP benchmark: the home page (/) against a trivial view that returns the same bytes from
# memory, both served by the same gunicorn in the same run. Goal: home >= 50 % of the copy.
#
#   bash bench/http.sh            # DURATION=10 ROUNDS=2 THREADS=2 CONNECTIONS=16 by default
#   PAGE=detail bash bench/http.sh  # a 政策文件 detail page instead of the home page
#
# Production settings (config.settings.prod: DEBUG off, manifest static files through
# whitenoise, the production middleware) on the embedded default database: a fresh SQLite file
# under a temporary SUNSHINE_VAR_DIR, migrated and loaded with the demo data. TLS is the
# proxy's job in production, so SECURE_SSL_REDIRECT=0 here. The cache is whatever the
# environment says (per-process memory unless REDIS_URL is set). Loopback only; the servers
# are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY="$ROOT/.venv/bin/python"
GUNICORN="$ROOT/.venv/bin/gunicorn"
WRK=${WRK:-/usr/bin/wrk}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-2}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
WORKERS=${WORKERS:-2}
HOST=127.0.0.1
COPY_PATH=/__bench__/home-copy

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sunshine-bench.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export SUNSHINE_VAR_DIR="$WORK/var"
export SUNSHINE_BENCH=1
export SECRET_KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export SECURE_SSL_REDIRECT=0
export ALLOWED_HOSTS="$HOST,testserver"
export LOG_LEVEL=WARNING
unset DEBUG

step() { printf '== %s\n' "$*"; }

# Does config/urls.py include the bench URLs itself? Otherwise serve bench.settings (the
# production settings with the bench URLconf in front; nothing else differs).
SETTINGS=config.settings.prod
if ! DJANGO_SETTINGS_MODULE=$SETTINGS "$PY" - <<'EOF' 2>/dev/null; then
import django
django.setup()
from django.urls import Resolver404, resolve
try:
    match = resolve("/__bench__/home-copy")
except Resolver404:
    raise SystemExit(1)
raise SystemExit(0 if match.func.__module__ == "sunshine.api.bench_views" else 1)
EOF
  SETTINGS=bench.settings
fi
export DJANGO_SETTINGS_MODULE=$SETTINGS
step "settings $SETTINGS; database and static files under $WORK"

step "migrate + demo data (fresh SQLite)"
DJANGO_SETTINGS_MODULE=config.settings.dev DEBUG=0 "$PY" manage.py migrate --noinput -v0
if DJANGO_SETTINGS_MODULE=config.settings.dev "$PY" manage.py help load_demo >/dev/null 2>&1; then
  # The demo loader refuses production settings by design; the database file is the same.
  DJANGO_SETTINGS_MODULE=config.settings.dev DEBUG=0 "$PY" manage.py load_demo -v0
else
  echo "   (no load_demo command: migrated database only)"
fi
step "collectstatic (compressed manifest, as in production)"
"$PY" manage.py collectstatic --noinput -v0

# PAGE=/ (default) or PAGE=detail (the seed notice's 政策文件 page) or any path.
PAGE=${PAGE:-/}
if [ "$PAGE" = detail ]; then
  PAGE_PATH=$(DJANGO_SETTINGS_MODULE=config.settings.dev "$PY" -c '
import django; django.setup()
from sunshine.disclosure.records.selectors import public_records
r = public_records().filter(title__contains="阳光政务").first() or public_records().first()
print(f"/zcwj/{r.pk}/")')
else
  PAGE_PATH=$PAGE
fi
export SUNSHINE_BENCH_PAGE=$PAGE_PATH
step "page under test: $PAGE_PATH"

PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://$HOST:$PORT"
step "gunicorn: $WORKERS sync workers on $BASE"
"$GUNICORN" config.wsgi:application --workers "$WORKERS" --bind "$HOST:$PORT" \
  --no-control-socket --log-level warning --error-logfile "$WORK/gunicorn.log" \
  --pid "$WORK/gunicorn.pid" &
SERVER_PID=$!
for _ in $(seq 100); do
  curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/gunicorn.log"; exit 1; }
  sleep 0.2
done
curl -sS "$BASE/healthz"; echo

# Both URLs must answer 200; every worker renders its copy of the home page on first use.
for _ in $(seq $((WORKERS * 4))); do
  for path in "$PAGE_PATH" "$COPY_PATH"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
    [ "$code" = 200 ] || { echo "GET $path -> $code"; tail -20 "$WORK/gunicorn.log"; exit 1; }
  done
done
curl -s -D "$WORK/home.h" -o "$WORK/home.html" "$BASE$PAGE_PATH"
curl -s -D "$WORK/copy.h" -o "$WORK/copy.html" "$BASE$COPY_PATH"
ctype() { grep -i '^content-type:' "$1" | tr -d '\r' | cut -d' ' -f2-; }
home_bytes=$(wc -c <"$WORK/home.html"); copy_bytes=$(wc -c <"$WORK/copy.html")
echo "home: $home_bytes bytes, $(ctype "$WORK/home.h")"
echo "copy: $copy_bytes bytes, $(ctype "$WORK/copy.h")"
if [ "$home_bytes" != "$copy_bytes" ] || [ "$(ctype "$WORK/home.h")" != "$(ctype "$WORK/copy.h")" ]; then
  echo "WARNING: the copy differs from the home page in length or content type"
fi
if cmp -s "$WORK/home.html" "$WORK/copy.html"; then
  echo "bytes identical"
else
  echo "bytes differ only where each render differs (e.g. the CSRF token): same length"
fi

step "SQL queries of GET $PAGE_PATH (first request: cold cache; second: warm)"
"$PY" - "$PAGE_PATH" <<'EOF'
import sys

import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

client = Client(HTTP_HOST="127.0.0.1")
for label in ("cold", "warm"):
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(sys.argv[1]).status_code
    print(f"{label}: {len(ctx.captured_queries)} queries (HTTP {status})")
EOF

rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
run_wrk() {  # name path round
  local out="$WORK/wrk-$1-$3.txt"
  "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE$2" >"$out"
  if grep -q 'Non-2xx' "$out"; then echo "WARNING: $(grep 'Non-2xx' "$out") on $2"; fi
  printf '   %-5s round %s: %8s req/s   latency p50 %s p99 %s\n' "$1" "$3" "$(rps "$out")" \
    "$(awk '$1=="50%" {print $2}' "$out")" "$(awk '$1=="99%" {print $2}' "$out")"
}

step "warm-up (2 s each)"
"$WRK" -t"$THREADS" -c"$CONNECTIONS" -d2s "$BASE$PAGE_PATH" >/dev/null
"$WRK" -t"$THREADS" -c"$CONNECTIONS" -d2s "$BASE$COPY_PATH" >/dev/null
step "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $ROUNDS alternating rounds"
for round in $(seq "$ROUNDS"); do
  run_wrk home "$PAGE_PATH" "$round"
  run_wrk copy "$COPY_PATH" "$round"
done

"$PY" - "$WORK" "$ROUNDS" <<'EOF'
import re
import sys
from pathlib import Path

work, rounds = Path(sys.argv[1]), int(sys.argv[2])


def mean(name):
    values = []
    for r in range(1, rounds + 1):
        text = (work / f"wrk-{name}-{r}.txt").read_text()
        values.append(float(re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M).group(1)))
    return sum(values) / len(values)


home, copy = mean("home"), mean("copy")
ratio = home / copy if copy else 0.0
verdict = "meets" if ratio >= 0.5 else "BELOW"
print(f"== result: page {home:.0f} req/s, trivial copy {copy:.0f} req/s, "
      f"ratio {ratio:.0%} ({verdict} the 50 % goal)")
EOF
