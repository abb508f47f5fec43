"""Benchmarks reuse the test layers (a real WSGI server on loopback)."""

pytest_plugins = ["pytest_plone", "luanthanh.policy.testing.fixtures"]
