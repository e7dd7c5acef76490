"""A PostgreSQL cluster and a Redis server of one's own, for drills that stop them.

Never stop the shared servers: a drill that takes the database away starts its own, in a
temporary folder on free ports, and ends it afterwards. PostgreSQL's `initdb` refuses to
run as root, so as root its programs run as the `postgres` account.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import redis

from .servers import HOST, free_port

POSTGRES_BIN = Path(os.environ.get("HEARTH_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))


def private_postgres_available() -> bool:
    """True when PostgreSQL's server programs (initdb, pg_ctl) are installed."""
    return all((POSTGRES_BIN / name).exists() for name in ("initdb", "pg_ctl", "postgres"))


def private_redis_available() -> bool:
    return shutil.which("redis-server") is not None


class PrivatePostgres:
    """A cluster in its own folder: `init()` (or `init_from(template)`), `start()`,
    `stop()`; `url(name)` addresses one of its databases."""

    def __init__(self, folder: Path | None = None, *, max_connections: int = 200) -> None:
        self.folder = Path(folder or tempfile.mkdtemp(prefix="hearth-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.max_connections = max_connections

    def init(self) -> "PrivatePostgres":
        self._own_folder()
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        return self

    def init_from(self, template: Path) -> "PrivatePostgres":
        """Start from a copy of another (stopped) cluster's data folder."""
        self._own_folder()
        subprocess.run(["cp", "-a", str(template), str(self.data)], check=True)  # noqa: S603,S607
        return self

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses={HOST} -k {self.folder} "
            f"-c max_connections={self.max_connections}"
        )
        log = self.folder / "postgres.log"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(log), "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """`pg_ctl stop -m fast`: open transactions are rolled back, clients cut off."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def is_running(self) -> bool:
        status = subprocess.run(  # noqa: S603
            self._command("pg_ctl", "-D", str(self.data), "status"), capture_output=True
        )
        return status.returncode == 0

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{name}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def remove(self) -> None:
        """Stop the cluster if it runs and delete its folder."""
        if self.data.exists() and self.is_running():
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def _own_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.folder.chmod(0o700)

    def _command(self, program: str, *args: str) -> list[str]:
        command = [str(POSTGRES_BIN / program), *args]
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(self._command(program, *args), check=True, capture_output=True)  # noqa: S603


class PrivateRedis:
    """`redis-server` on a free port, keeping nothing on disk; `url(db)` for clients."""

    def __init__(self) -> None:
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="hearth-redis-"))
        self.process: subprocess.Popen | None = None

    def start(self) -> "PrivateRedis":
        command = ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", ""]
        command += ["--appendonly", "no", "--dir", str(self.folder)]
        self.process = subprocess.Popen(  # noqa: S603
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        client = redis.Redis(host=HOST, port=self.port)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on {self.port}") from None
                time.sleep(0.1)

    def url(self, db: int = 0) -> str:
        return f"redis://{HOST}:{self.port}/{db}"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)
