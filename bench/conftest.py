"""Benchmarks reuse the test layers (a real WSGI server on loopback)."""

from tests.conftest import *  # noqa: F403
