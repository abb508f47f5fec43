"""A real instance and a real browser for the journeys of ``make test-e2e``.

The session starts what ``make start`` starts, in a temporary directory: the
instance configuration (``scripts/make_instance.py``), a fresh site with the
demo profile (``scripts/create_site.py``), the officials
(``tests/e2e/officials.py``) and ``runwsgi`` on a free loopback port.  The
journeys drive Debian's Chromium (``/usr/bin/chromium``, headless) through
Playwright for Python; nothing is downloaded (never ``playwright install``).
Every step leaves a screenshot in ``test-results/e2e/`` (``E2E_RESULTS`` to
change it), with the server's log; CI keeps that folder.

These tests run only with ``--e2e`` (``make test-e2e``); the journeys on pages
that other branches build are marked ``e2e_pending`` and run only with
``--e2e-pending`` as well.
"""

from luanthanh.policy.testing.processes import free_port
from luanthanh.policy.testing.processes import run
from pathlib import Path
from playwright.sync_api import expect
from playwright.sync_api import sync_playwright
from scripts.make_instance import command as make_instance_command
from tests.e2e.journeys import DESKTOP
from urllib.request import urlopen

import os
import pytest
import re
import shutil
import subprocess
import sys
import time


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
RESULTS = Path(os.environ.get("E2E_RESULTS", ROOT / "test-results" / "e2e"))
ADMIN_PASSWORD = "Quan-tri-e2e-1"
expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(config, items):
    run_e2e = config.getoption("--e2e")
    run_pending = config.getoption("--e2e-pending")
    keep, drop = [], []
    for item in items:
        if "tests/e2e/" not in item.nodeid:
            keep.append(item)
        elif not run_e2e or (
            item.get_closest_marker("e2e_pending") and not run_pending
        ):
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


# The journeys need none of the Plone test layers that tests/conftest.py keeps
# up for the whole session (pytest-plone's autouse fixtures): skip them here.
@pytest.fixture(scope="session")
def _keep_functional_session():
    return None


@pytest.fixture(scope="session")
def _keep_integration_session():
    return None


@pytest.fixture(scope="session")
def results() -> Path:
    """The folder of this run's screenshots, axe reports and server logs."""
    shutil.rmtree(RESULTS, ignore_errors=True)
    RESULTS.mkdir(parents=True)
    return RESULTS


@pytest.fixture(scope="session")
def site(tmp_path_factory, results):
    """The URL of a fresh site served by a real Zope process."""
    base = tmp_path_factory.mktemp("e2e")
    port = os.environ.get("E2E_PORT") or str(free_port())
    env = {
        **os.environ,
        "PORT": port,
        "HOST": "127.0.0.1",
        "ADMIN_PASSWORD": ADMIN_PASSWORD,
        "DEMO_WORKSPACE": "false",  # the journeys make their own officials
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])
        ),
    }
    instance, var = base / "instance", base / "var"
    run(make_instance_command(base), env, ROOT)
    zope_conf = str(instance / "etc" / "zope.conf")
    run([str(BIN / "zconsole"), "run", zope_conf, "scripts/create_site.py"], env, ROOT)
    run([str(BIN / "zconsole"), "run", zope_conf, "tests/e2e/officials.py"], env, ROOT)
    log = (results / "server.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "runwsgi"), str(instance / "etc" / "zope.ini")],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    # "localhost", not 127.0.0.1: Plone serves 127.0.0.1 without its theme
    # (plone.app.theming's unthemed host), and citizens see the theme.
    url = f"http://localhost:{port}/Plone"
    try:
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None, "the server stopped; see server.log"
            try:
                with urlopen(url, timeout=10) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        event_log = var / "log" / "event.log"
        if event_log.exists():
            shutil.copy(event_log, results / "event.log")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: apt-get install -y chromium (never "
            "`playwright install`)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            # Vietnamese UI: dates read and typed as dd/mm/yyyy.
            args=["--no-sandbox", "--lang=vi-VN"],
        )
        yield browser
        browser.close()


class Shots:
    """Numbered full-page screenshots of one journey, in its own folder."""

    def __init__(self, folder: Path):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        self.folder = folder
        self.count = 0

    def __call__(self, page, step: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def shots(request, results) -> Shots:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")
    return Shots(results / name)


@pytest.fixture
def new_page(browser, site):
    """Open pages in fresh browser contexts (no shared cookies); closed after."""
    contexts = []

    def make(viewport=DESKTOP, **options):
        width, height = viewport
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            base_url=site + "/",
            **options,
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
