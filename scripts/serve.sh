#!/usr/bin/env bash
# `make run`: the web server on $HOST:$PORT with the task worker and the scheduler beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
mkdir -p var/log
$BIN/python manage.py run_worker >var/log/worker.log 2>&1 &
WORKER=$!
$BIN/python manage.py run_scheduler >var/log/scheduler.log 2>&1 &
SCHED=$!
trap 'kill $WORKER $SCHED 2>/dev/null; wait 2>/dev/null' EXIT INT TERM
echo "Sunshine: http://${HOST:-127.0.0.1}:${PORT:-8000}/  (worker pid $WORKER, scheduler pid $SCHED; logs in var/log)"
$BIN/python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}" --noreload
