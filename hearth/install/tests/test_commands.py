import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hearth.practice.models import Practitioner, Service

from .test_load_and_dump import ODD

pytestmark = pytest.mark.django_db


def test_load_practice_prints_what_it_did(tmp_path):
    path = tmp_path / "practice.toml"
    path.write_text(ODD, "utf-8")
    out = StringIO()
    call_command("load_practice", str(path), stdout=out)
    assert out.getvalue().splitlines() == [
        "  created practitioner ana",
        "  created practitioner zed",
        "  created service group-chat",
        "  created service talk",
        "  changed the practice",
        f"Loaded {path}.",
    ]


def test_load_practice_error_lists_problems_and_changes_nothing(tmp_path):
    path = tmp_path / "practice.toml"
    path.write_text(ODD.replace('timezone = "Asia/Kolkata"', 'timezone = "Asia/Nowhere"'), "utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("load_practice", str(path))
    assert str(caught.value) == (
        f"{path} was not loaded; nothing was changed. Please fix:\n"
        '  - practitioners[0] "ana": "Asia/Nowhere" is not a time zone we know; '
        "use a name like America/Los_Angeles"
    )
    assert Practitioner.objects.count() == 0 and Service.objects.count() == 0


def test_load_practice_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*missing\.toml"):
        call_command("load_practice", str(tmp_path / "missing.toml"))


def test_dump_practice_writes_a_file(tmp_path):
    source = tmp_path / "in.toml"
    source.write_text(ODD, "utf-8")
    call_command("load_practice", str(source), stdout=StringIO())
    target = tmp_path / "out.toml"
    call_command("dump_practice", str(target), stderr=StringIO())
    assert target.read_text("utf-8") == ODD


def test_a_malformed_file_on_the_command_line_gives_no_traceback(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[[services]]\nslug = \n", "utf-8")
    result = subprocess.run(
        [sys.executable, "manage.py", "load_practice", str(path)],
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "was not loaded; nothing was changed" in result.stderr
    assert "The file is not valid TOML: Invalid value (at line 2, column 8)." in result.stderr
