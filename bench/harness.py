"""What the benchmark scripts share: each measures in a child process per database (so Django is
set up once per vendor) and creates and drops its PostgreSQL database from the parent."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")


def run_worker(
    script: str, worker_args: list[str], *, vendor: str, env: dict, verbose: bool
) -> dict:
    """Run `script --worker ...` and return the JSON of its `RESULT ` line (its other output is
    echoed when verbose)."""
    command = [sys.executable, script, "--worker", *worker_args]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    result = None
    for line in proc.stdout:
        if line.startswith("RESULT "):
            result = json.loads(line[7:])
        elif verbose:
            print(line, end="", flush=True)
    if proc.wait() != 0 or result is None:
        raise SystemExit(f"benchmark on {vendor} failed (exit {proc.returncode})")
    return result


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)
