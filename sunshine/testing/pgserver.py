"""A PostgreSQL server of the test's own (initdb + pg_ctl in a temporary directory, on a free
port), so that a test may stop and start it. The binaries come from the Debian packages
(/usr/lib/postgresql/<version>/bin); `find_pg_bin()` is None when they are absent and the
test skips. As root, initdb and the server run as the `postgres` system user."""

import os
import pwd
import shutil
import socket
import subprocess  # nosec B404
import tempfile
from pathlib import Path


def find_pg_bin() -> Path | None:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return found[-1].parent if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """`with PostgresServer() as pg:` initialises and starts a server; `pg.stop()`,
    `pg.start()`; `pg.url("name")` after `pg.create_database("name")`."""

    def __init__(self, bin_dir: Path | None = None):
        self.bin_dir = bin_dir or find_pg_bin()
        if self.bin_dir is None:
            raise RuntimeError("PostgreSQL server binaries not found under /usr/lib/postgresql")
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="sunshine-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._as = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str, timeout: float = 60) -> None:
        subprocess.run(  # nosec B603
            [*self._as, *args], check=True, capture_output=True, timeout=timeout, cwd=self.root
        )

    def __enter__(self) -> "PostgresServer":
        self._run(str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")  # fmt: skip
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c full_page_writes=off")  # fmt: skip
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                  "-o", options, "-w", "start")  # fmt: skip

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                      "stop")  # fmt: skip

    def create_database(self, name: str) -> None:
        subprocess.run(  # nosec B603
            [str(self.bin_dir / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1",
             self.url("postgres"), "-c", f'CREATE DATABASE "{name}"'],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip

    def query(self, name: str, sql: str) -> str:
        """The result of one SQL statement in database `name`, as psql prints it unaligned."""
        done = subprocess.run(  # nosec B603
            [str(self.bin_dir / "psql"), "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1",
             self.url(name), "-c", sql],
            check=True, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        return done.stdout.strip()

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def django_env(self, name: str, var_dir: Path, **extra: str) -> dict:
        """The environment of a Django process of ours (test settings) on database `name` of
        this server, with its own var/ directory and without the calling test's Redis and
        pytest-xdist worker."""
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("PYTEST_XDIST_WORKER", "REDIS_URL", "SUNSHINE_VAR_DIR")
        }
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.test",
            DATABASE_URL=self.url(name),
            SUNSHINE_VAR_DIR=str(var_dir),
            **extra,
        )
        return env
