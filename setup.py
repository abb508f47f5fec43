"""Installer for the luanthanh.policy package.

The metadata lives in pyproject.toml; this file keeps ``python setup.py``
and zc.buildout's ``develop = .`` working.
"""

from setuptools import setup


setup()
