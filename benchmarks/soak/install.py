"""The soak's own install, on servers nobody else uses: a private PostgreSQL cluster and a
private Redis (so the drill may stop them), an SMTP sink, two app servers and two workers,
each brought back after a crash as systemd's `Restart=always` would.

The cluster is copied from a template made once a day per version of the code (migrated,
the demo set up, and the soak's practitioner and service from practice.toml loaded), so a
run starts in seconds.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from hearth.core.data_keys import create_key_file, read_keys
from hearth.core.testing.cluster import (
    Supervised,
    shared_install_env,
    supervised_gunicorn,
    supervised_worker,
)
from hearth.core.testing.databases import TEMPLATES, demo_fingerprint
from hearth.core.testing.private_services import PrivatePostgres, PrivateRedis
from hearth.core.testing.servers import free_port
from hearth.core.testing.smtp import SmtpSink

ROOT = Path(__file__).resolve().parents[2]
PRACTICE_FILE = Path(__file__).with_name("practice.toml")
DATABASE = "hearth"
SECRET_KEY = "soak-only-secret-key-not-for-production-0123456789abcdefghij"  # noqa: S105
SERVERS = 2
WORKERS = 2
RESTART_SECONDS = 3  # systemd's RestartSec in docs/deploy.md's units is of this order
SWEEP_SECONDS = 5


@dataclass
class Install:
    postgres: PrivatePostgres
    redis: PrivateRedis
    sink: SmtpSink
    servers: list[Supervised]
    workers: list[Supervised]
    bases: list[str]

    @property
    def database_url(self) -> str:
        return self.postgres.url(DATABASE)


@contextmanager
def soak_install(run_dir: Path) -> Iterator[Install]:
    """Everything started, in `run_dir` (emptied first); everything stopped afterwards."""
    template = postgres_template()
    shutil.rmtree(run_dir, ignore_errors=True)
    (run_dir / "logs").mkdir(parents=True)
    shutil.copytree(template / "var", run_dir / "var")
    with ExitStack() as stack:
        postgres = PrivatePostgres().init_from(template / "data")  # in /tmp: postgres's own
        postgres.start()
        stack.callback(postgres.remove)
        redis = PrivateRedis().start()
        stack.callback(redis.stop)
        sink = stack.enter_context(SmtpSink())
        env = shared_install_env(
            database_url=postgres.url(DATABASE),
            redis_url=redis.url(0),
            smtp_port=sink.port,
            var_dir=run_dir / "var",
            secret_key=SECRET_KEY,
            data_keys=read_keys(path=template / "data-keys"),
            sweep_seconds=SWEEP_SECONDS,
        )
        ports = [free_port() for _ in range(SERVERS)]
        logs = run_dir / "logs"
        servers = [
            supervised_gunicorn(f"app-{n}", env, port=port, log=logs / f"app-{n}.log")
            for n, port in enumerate(ports)
        ]
        workers = [
            supervised_worker(f"worker-{n}", env, log=logs / f"worker-{n}.log")
            for n in range(WORKERS)
        ]
        processes = [*servers, *workers]
        for process in processes:
            process.restart_seconds = RESTART_SECONDS
            process.start(wait=False)
            stack.callback(process.stop)
        # Stopped together (SIGTERM to all first), not one after another.
        stack.callback(lambda: [process.stop_restarting() for process in processes])
        for server in servers:
            server.wait_until_ready()
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        yield Install(postgres, redis, sink, servers, workers, bases)


def postgres_template() -> Path:
    """A stopped cluster's folder (data, var, data-keys) holding the set-up install."""
    name = f"pg-soak-{demo_fingerprint('config.settings.dev', PRACTICE_FILE)}"
    template = TEMPLATES / name
    if not template.exists():
        _build_template(template)
    return template


def _build_template(template: Path) -> None:
    building = template.with_name(f"{template.name}.{os.getpid()}.building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    create_key_file(building / "data-keys")
    postgres = PrivatePostgres().init()  # in /tmp: the postgres account cannot enter var/
    postgres.start()
    try:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": postgres.create_database(DATABASE),
            "HEARTH_VAR_DIR": str(building / "var"),
            "HEARTH_DATA_KEYS": "",
            "HEARTH_DATA_KEYS_FILE": str(building / "data-keys"),
            "HEARTH_TASK_BACKEND": "immediate",  # set-up work inline: no worker yet
            "REDIS_URL": "",
        }
        steps = [
            ["migrate", "--noinput", "-v", "0"],
            ["setup_install"],
            ["load_practice", str(PRACTICE_FILE)],
        ]
        for step in steps:
            subprocess.run(
                [sys.executable, str(ROOT / "manage.py"), *step],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
        postgres.stop()
        subprocess.run(["cp", "-a", str(postgres.data), str(building / "data")], check=True)
    finally:
        postgres.remove()
    os.replace(building, template)
