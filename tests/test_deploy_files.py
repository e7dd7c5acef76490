"""The files docs/deploy.md installs: the environment file names every setting the settings
read; the systemd units start programs and read files that exist (`systemd-analyze verify`
where it is installed); gunicorn's access log keeps no key from a client's link."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
SETTINGS = ROOT / "config" / "settings"
# Where docs/deploy.md puts things on the server, and what each is in this repository.
APP = "/srv/hearth/app"
ENV_FILE = "/etc/hearth/hearth.env"
VAR = "/srv/hearth/var"
MEDIA = "/srv/hearth/media"
UNITS = sorted((DEPLOY / "systemd").iterdir())

# os.environ.get("X"...), os.environ["X"], env_bool("X", ...), env_list("X"...)
READ = re.compile(
    r"""(?:os\.environ(?:\.get)?\s*[\(\[]|env_bool\(|env_list\()\s*["']([A-Z0-9_]+)["']"""
)
LISTED = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)


def variables_read_by_settings() -> set[str]:
    # The test settings' own variables are the suite's, not an install's.
    sources = [path for path in SETTINGS.glob("*.py") if path.name != "test.py"]
    return {name for path in sources for name in READ.findall(path.read_text("utf-8"))}


def test_the_settings_reader_finds_the_variables_it_should():
    found = variables_read_by_settings()
    assert {"SECRET_KEY", "HEARTH_DATA_KEYS_FILE", "EMAIL_USE_TLS", "ALLOWED_HOSTS"} <= found
    assert "HEARTH_FUTURE_BOOKINGS_PER_SERVICE" in found  # read over several lines
    assert "HEARTH_TEST_REDIS_URL" not in found


def test_the_environment_file_documents_every_variable_the_settings_read():
    listed = set(LISTED.findall((DEPLOY / "hearth.env.example").read_text("utf-8")))
    missing = sorted(variables_read_by_settings() - listed)
    assert missing == [], f"add these to deploy/hearth.env.example, with a comment: {missing}"


def test_the_environment_file_reads_in_a_shell_as_systemd_reads_it(tmp_path):
    script = f"set -a; . {DEPLOY / 'hearth.env.example'}; set +a; env"
    result = subprocess.run(["sh", "-c", script], capture_output=True, text=True, check=True)
    values = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    assert values["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert values["DEFAULT_FROM_EMAIL"] == "Hearth <no-reply@practice.example.org>"
    assert values["SECRET_KEY"] == ""  # the production settings refuse to start until set


def unit_settings(unit: Path) -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in unit.read_text("utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def here(path: str) -> Path:
    """The file in this repository that `path` on the server is."""
    if path == ENV_FILE:
        return DEPLOY / "hearth.env.example"
    assert path.startswith(APP), path
    return ROOT / path.removeprefix(APP).lstrip("/")


@pytest.mark.parametrize(
    "unit", [u for u in UNITS if u.suffix == ".service"], ids=lambda u: u.name
)
def test_a_service_runs_files_that_exist_as_the_hearth_user(unit):
    settings = unit_settings(unit)
    assert settings["User"] == ["hearth"]
    assert settings["EnvironmentFile"] == [ENV_FILE]
    assert settings["ReadWritePaths"] == [f"{VAR} {MEDIA}"]
    assert here(settings["WorkingDirectory"][0]) == ROOT
    [command] = settings["ExecStart"]
    paths = [word for word in command.split() if word.startswith("/")]
    assert paths, command
    for path in paths:
        assert here(path).exists(), path
    if "manage.py" in command:
        name = command.split("manage.py", 1)[1].split()[0]
        if name == "backup" and name not in get_commands():
            pytest.skip("`manage.py backup` comes with the backup work (issue 18)")
        assert name in get_commands(), name


def test_the_timer_starts_the_backup_service():
    settings = unit_settings(DEPLOY / "systemd" / "hearth-backup.timer")
    assert settings["Unit"] == ["hearth-backup.service"]
    assert (DEPLOY / "systemd" / "hearth-backup.service").exists()
    assert settings["Persistent"] == ["true"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_accepts_the_units(tmp_path):
    for unit in UNITS:
        text = unit.read_text("utf-8").replace(ENV_FILE, str(DEPLOY / "hearth.env.example"))
        text = text.replace(APP, str(ROOT)).replace(VAR, str(tmp_path))
        text = text.replace(MEDIA, str(tmp_path))
        (tmp_path / unit.name).write_text(text, "utf-8")
    copies = [str(tmp_path / unit.name) for unit in UNITS]
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *copies],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")


@pytest.fixture(scope="module")
def gunicorn_conf():
    import runpy

    return runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/book/manage/Abc123-xyz_9/", "/book/manage/…/"),
        ("/book/manage/Abc123-xyz_9/cancel/", "/book/manage/…/cancel/"),
        ("/book/manage/Abc123-xyz_9/calendar.ics", "/book/manage/…/calendar.ics"),
        ("/book/done/Abc123-xyz_9/", "/book/done/…/"),
        ("/workshops/registration/Abc123/accept/", "/workshops/registration/…/accept/"),
        ("/intake/Abc123.x-y/signed/", "/intake/…/signed/"),
        ("/calendars/feed/Abc123.ics", "/calendars/feed/…"),
        ("/api/v1/bookings/Abc123/cancel", "/api/v1/bookings/…/cancel"),
        ("/api/v1/registrations/Abc123", "/api/v1/registrations/…"),
        ("/admin/password_reset/confirm/MQ/cz-abc123/", "/admin/password_reset/confirm/MQ/…/"),
        (
            "/admin/password_reset/confirm/MQ/set-password/",
            "/admin/password_reset/confirm/MQ/set-password/",
        ),
        ("/api/v1/bookings", "/api/v1/bookings"),
        ("/book/free-consultation/details/", "/book/free-consultation/details/"),
        ("/workshops/grief-circle/", "/workshops/grief-circle/"),
        ("/blog/shame-and-the-courage-to-be-seen/", "/blog/shame-and-the-courage-to-be-seen/"),
    ],
)
def test_the_access_log_writes_no_key_from_a_link(gunicorn_conf, path, logged):
    assert gunicorn_conf["redact_path"](path) == logged


def test_gunicorn_listens_only_on_this_machine_with_a_redacting_log(gunicorn_conf):
    assert gunicorn_conf["bind"] == ["127.0.0.1:8000"]
    assert gunicorn_conf["logger_class"].__name__ == "RedactingLogger"
    assert "%(r)s" not in gunicorn_conf["access_log_format"]
    assert "%(q)s" not in gunicorn_conf["access_log_format"]
    assert 3 <= gunicorn_conf["workers"] <= 9


@pytest.mark.skipif(shutil.which("caddy") is None, reason="Caddy is not installed")
def test_caddy_accepts_the_caddyfile():
    command = [
        "caddy",
        "validate",
        "--config",
        str(DEPLOY / "Caddyfile"),
        "--adapter",
        "caddyfile",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "Valid configuration" in result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_accepts_the_site(tmp_path):
    # The site inside a minimal nginx.conf of its own (no system paths, nothing started).
    temp = "\n".join(
        f"{kind}_temp_path {tmp_path / kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"error_log stderr;\npid {tmp_path / 'nginx.pid'};\nevents {{}}\n"
        f"http {{\n{temp}\nuwsgi_temp_path {tmp_path / 'uwsgi'};\n"
        f"scgi_temp_path {tmp_path / 'scgi'};\ninclude {DEPLOY / 'nginx' / 'hearth.conf'};\n}}\n",
        "utf-8",
    )
    command = [
        "nginx",
        "-t",
        "-p",
        str(tmp_path),
        "-e",
        "stderr",
        "-c",
        str(tmp_path / "nginx.conf"),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_every_file_docs_deploy_names_is_in_the_repository():
    text = (ROOT / "docs" / "deploy.md").read_text("utf-8")
    named = set(re.findall(r"\bdeploy/[\w./-]*\w", text))
    assert "deploy/manage.sh" in named
    assert "deploy/systemd/hearth-backup.timer" in named
    assert sorted(name for name in named if not (ROOT / name).exists()) == []
