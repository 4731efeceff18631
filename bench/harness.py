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


def for_each_database(args, prefix: str, command: list[str], *, script: str | None = None) -> list:
    """Run the benchmark's worker once per database of `args.db` ("sqlite", "postgresql" or both,
    comma-separated) and return their results in that order.

    SQLite runs in a temporary SUNSHINE_VAR_DIR (`sunshine-bench-<prefix>-…`, removed after) or in
    `args.var` when given (kept, reused); PostgreSQL in `args.pg_name` on PG_SERVER, created and
    dropped here unless `args.pg_reuse` (use the kept one). `args.keep` keeps both. `command` is
    the worker's own arguments (after `--worker`); `script` defaults to the running script."""
    import shutil
    import tempfile

    script = script or os.path.abspath(sys.modules["__main__"].__file__)
    var_arg = getattr(args, "var", None)
    reuse = getattr(args, "pg_reuse", False)
    results = []
    base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    for vendor in [v.strip() for v in args.db.split(",") if v.strip()]:
        var = (
            Path(var_arg) if var_arg else Path(tempfile.mkdtemp(prefix=f"sunshine-bench-{prefix}-"))
        )
        env = dict(base_env, SUNSHINE_VAR_DIR=str(var))
        created = False
        try:
            if vendor == "postgresql":
                if not reuse:
                    pg_admin(f'CREATE DATABASE "{args.pg_name}"')
                    created = True
                env["DATABASE_URL"] = f"{PG_SERVER}/{args.pg_name}"
            elif vendor != "sqlite":
                raise SystemExit(f"unknown database {vendor}")
            results.append(
                run_worker(script, command, vendor=vendor, env=env, verbose=args.verbose)
            )
        finally:
            if args.keep:
                print(f"[{vendor}] kept: {args.pg_name if vendor == 'postgresql' else var}")
            elif vendor == "postgresql" and created:
                pg_admin(f'DROP DATABASE IF EXISTS "{args.pg_name}" WITH (FORCE)')
            if not var_arg and not (args.keep and vendor == "sqlite"):
                shutil.rmtree(var, ignore_errors=True)
    return results
