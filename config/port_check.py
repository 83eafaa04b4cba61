"""``make run``'s first step: can the server listen on PORT? Checked before anything is installed,
migrated or loaded, so a second ``make run`` stops at once and says what to do (issue 21).

Standard library only, and run as a file (``python3 config/port_check.py PORT``), never through the
``config`` package, whose ``__init__`` needs the virtualenv.
"""

from __future__ import annotations

import errno
import socket
import sys
from collections.abc import Sequence

HOST = "127.0.0.1"  # where `make run` serves


def port_problem(port: int, host: str = HOST) -> str | None:
    """Why the server could not listen on ``host:port``, in words that say what to do; None when it can.

    Binds the way Django's runserver does (SO_REUSEADDR), so a socket that is only closing
    (TIME_WAIT) does not count as taken, while a listening server does.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (
                    f"Port {port} on {host} is already in use: another `make run` (or another server) is "
                    f"listening there. Stop it (Ctrl-C in its terminal), or use another port: "
                    f"make run PORT={_next_port(port)}"
                )
            if exc.errno == errno.EACCES:
                return f"Not allowed to listen on port {port} (ports below 1024 need root): make run PORT=8000"
            return f"Cannot listen on {host}:{port}: {exc.strerror or exc}. Try another port: make run PORT=8001"
    return None


def _next_port(port: int) -> int:
    return port + 1 if port < 65535 else 8001


def parse_port(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= 65535 else None


def main(argv: Sequence[str]) -> int:
    """Exit 0 when the port is free; otherwise print the problem to stderr and exit 1 (2 for a bad PORT)."""
    raw = argv[0] if argv else ""
    port = parse_port(raw)
    if port is None:
        print(f"PORT must be a number from 1 to 65535, got {raw!r}: e.g. make run PORT=8001", file=sys.stderr)
        return 2
    problem = port_problem(port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
