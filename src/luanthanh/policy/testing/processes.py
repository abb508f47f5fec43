"""Real processes in tests: a free loopback port, a command that must succeed."""

from pathlib import Path

import socket
import subprocess


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args: list[str], env: dict, cwd: Path, timeout: int = 600) -> str:
    """Run ``args``; fail the test with its output unless it exits 0."""
    result = subprocess.run(
        args, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout
