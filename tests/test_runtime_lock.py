"""The production lock: runtime dependencies only, each pinned as in requirements.lock and
checked by hash; `make install-production` installs from it with --require-hashes."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNTIME = ROOT / "requirements.runtime.lock"
PIN = re.compile(r"^([A-Za-z0-9_.\[\]-]+)==(\S+)")


def name(requirement: str) -> str:
    return re.split(r"[\[=<>~ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def requirements(path: Path) -> list[str]:
    """The lock's requirements, continuation lines joined; comments dropped."""
    text = re.sub(r"\\\n\s*", " ", path.read_text())
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and line[0] not in "#-"]


def pins(path: Path) -> dict[str, str]:
    return {name(m[1]): m[2] for line in requirements(path) if (m := PIN.match(line))}


def test_every_line_of_the_runtime_lock_is_pinned_and_carries_a_hash():
    lines = requirements(RUNTIME)
    assert len(lines) > 40
    for line in lines:
        assert PIN.match(line), line
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", line), line


def test_the_runtime_lock_holds_no_test_or_development_tool():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    dev_tools = {name(r) for r in project["optional-dependencies"]["dev"]}
    runtime = pins(RUNTIME)
    assert dev_tools & set(runtime) == set()
    for tool in ("pytest", "hypothesis", "ruff", "playwright", "schemathesis", "coverage"):
        assert not any(package.startswith(tool) for package in runtime), tool


def test_the_runtime_lock_has_every_runtime_dependency_at_the_versions_of_the_full_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime, full = pins(RUNTIME), pins(ROOT / "requirements.lock")
    for requirement in project["dependencies"]:
        assert name(requirement) in runtime, requirement
    assert {package: full.get(package) for package in runtime} == runtime


def test_make_installs_production_from_the_runtime_lock_with_hashes_required():
    makefile = (ROOT / "Makefile").read_text()
    target = makefile.split("\ninstall-production:", 1)[1].split("\n\n", 1)[0]
    assert "--require-hashes" in target
    assert "-r requirements.runtime.lock" in target
