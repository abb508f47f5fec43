"""Our pins are at or above the fixed versions of the advisories on our stack.

One row per advisory: the package, its ids (GHSA / CVE / PloneHotfix) and the
first fixed version of the series we could be on.  Sources: the GitHub
Advisory Database and the PyPA advisory database (PYSEC records), looked up
when this table was written; add a row for every new advisory.
"""

from importlib.metadata import version as installed_version
from packaging.version import Version
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[2]

ADVISORIES = [
    # (package, advisory ids, fixed in, what)
    (
        "plone.namedfile",
        "GHSA-jj7c-jrv4-c65x, CVE-2023-41048, PYSEC-2023-311",
        "6.2.1",
        "stored XSS with scales of SVG images",
    ),
    (
        "plone.rest",
        "GHSA-h6rp-mprm-xgcq, CVE-2023-42457, PYSEC-2023-178",
        "3.0.1",
        "denial of service with ++api++ repeated in the URL",
    ),
    (
        "plone.restapi",
        "PloneHotfix20200121 (privilege escalation with plone.restapi)",
        "6.2.1",
        "privilege escalation when plone.restapi is installed",
    ),
    (
        "plone.restapi",
        "GHSA-hc5c-r8m5-2gfh",
        "8.43.3",
        "stored XSS with an SVG user portrait",
    ),
    (
        "Products.isurlinportal",
        "GHSA-q3m9-9fj2-mfwr, CVE-2021-32806, PYSEC-2021-323",
        "1.2.0",
        "open redirect with https:example.org",
    ),
    (
        "Products.PluggableAuthService",
        "GHSA-p44j-xrqg-4xrr",
        "2.6.1",
        "open redirect on the login form",
    ),
    (
        "Products.PluggableAuthService",
        "PYSEC-2021-79 (PloneHotfix20210518)",
        "2.6.2",
        "reflected XSS",
    ),
    (
        "Products.CMFCore",
        "PYSEC-2021-79 (PloneHotfix20210518)",
        "2.5.1",
        "reflected XSS",
    ),
    (
        "Zope",
        "GHSA-g4gq-j4p2-j8fr, CVE-2021-32811",
        "5.3",
        "remote code execution through Script (Python)",
    ),
    (
        "AccessControl",
        "GHSA-g4gq-j4p2-j8fr, CVE-2021-32811, PYSEC-2021-370",
        "5.2",
        "remote code execution through Script (Python)",
    ),
    (
        "Zope",
        "GHSA-m755-gxxg-r5qh, CVE-2023-44389, PYSEC-2023-193",
        "5.8.6",
        "stored XSS through the title property in the ZMI",
    ),
    (
        "Products.CMFPlone",
        "GHSA-hm2h-f456-6j88, PYSEC-2021-84 (PloneHotfix20210518)",
        "5.2.5",
        "stored XSS by uploading an SVG or HTML document",
    ),
]


def pins() -> dict[str, str]:
    result = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, _sep, pinned = line.partition("==")
            result[name.strip().lower().replace("_", "-")] = pinned.strip()
    return result


@pytest.mark.parametrize(
    "package,ids,fixed,what", ADVISORIES, ids=[f"{a[0]}:{a[1]}" for a in ADVISORIES]
)
def test_pin_is_at_or_above_the_fix(package, ids, fixed, what):
    pinned = pins().get(package.lower().replace("_", "-"))
    assert pinned, f"{package} is not pinned in constraints.txt"
    assert Version(pinned) >= Version(fixed), f"{package}=={pinned}: {ids} ({what})"
    # And what is installed is what is pinned.
    assert Version(installed_version(package)) == Version(pinned)


def test_every_package_of_the_stack_has_a_row():
    stack = {
        "plone.namedfile",
        "plone.rest",
        "plone.restapi",
        "Products.isurlinportal",
        "Products.PluggableAuthService",
        "Products.CMFCore",
        "Products.CMFPlone",
        "Zope",
        "AccessControl",
    }
    assert stack <= {row[0] for row in ADVISORIES}
