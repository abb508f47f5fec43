"""Real processes in tests: a free loopback port, a command that must succeed,
and the repository's scripts loaded as modules (to call their ``main``)."""

from pathlib import Path

import importlib.util
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


#: The repository's root (``scripts/``, ``bench/``), from this installed source.
REPOSITORY = Path(__file__).resolve().parents[4]


def load_script(name: str):
    """``scripts/<name>.py`` as a module, so a test calls its functions."""
    path = REPOSITORY / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
