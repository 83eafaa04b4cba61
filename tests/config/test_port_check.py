"""`make run` checks its PORT before migrating or loading anything, and says what to do (issue 21)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from config.port_check import main, port_problem
from tests.paths import ROOT


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port something is listening on (like a first `make run`)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_listening_port_is_reported_with_what_to_do(taken_port):
    problem = port_problem(taken_port)
    assert problem is not None
    assert f"Port {taken_port} on 127.0.0.1 is already in use" in problem
    assert f"make run PORT={taken_port + 1}" in problem


def test_a_free_port_passes():
    assert port_problem(free_port()) is None


@pytest.mark.parametrize("raw", ["", "http", "0", "70000", "-1"])
def test_a_bad_port_value_exits_2_with_an_example(raw, capsys):
    assert main([raw]) == 2
    assert "PORT must be a number from 1 to 65535" in capsys.readouterr().err


def test_main_exits_1_on_a_taken_port(taken_port, capsys):
    assert main([str(taken_port)]) == 1
    assert "already in use" in capsys.readouterr().err


def test_the_script_runs_without_the_virtualenv(taken_port):
    """`make run` calls it with the system python3 as a file: no Django, no `config` package import."""
    result = subprocess.run(
        [sys.executable, "-I", str(ROOT / "config" / "port_check.py"), str(taken_port)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "already in use" in result.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_on_a_taken_port_stops_before_migrating(taken_port):
    result = subprocess.run(
        ["make", "--no-print-directory", "run", f"PORT={taken_port}", f"PYTHON={sys.executable}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert f"make run PORT={taken_port + 1}" in result.stderr
    assert "migrate" not in result.stdout + result.stderr
    assert "load_seeds" not in result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_serves_on_the_port_it_checked():
    """The dry run: the check comes first, and runserver and the printed addresses use PORT."""
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    check = next(i for i, line in enumerate(lines) if "config/port_check.py" in line and '"8123"' in line)
    migrate = next(i for i, line in enumerate(lines) if "manage.py migrate" in line)
    assert check < migrate
    assert any(line.endswith("runserver 127.0.0.1:8123") for line in lines)
    assert any("http://127.0.0.1:8123/admin/" in line for line in lines)
