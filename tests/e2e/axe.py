"""axe-core in the page: WCAG 2.1 AA, no serious or critical violation.

axe-core (``axe.min.js``, MPL-2.0) comes inside the PyPI wheel
``axe-playwright-python``; it is injected from that file, nothing is fetched.
Every audit is also written as JSON next to the journey's screenshots.
"""

from axe_playwright_python.base import AXE_FILE_PATH
from pathlib import Path
from playwright.sync_api import Page

import json


WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def audit(page: Page, within: str | None = None) -> dict:
    """axe-core's results for the page as it is now (WCAG 2.1 A and AA rules);
    ``within``: only the elements matching this CSS selector (a part of a
    page whose chrome is Plone's, e.g. the officials' toolbar)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_FILE_PATH))
    return page.evaluate(
        """([tags, within]) => axe.run(within ? {include: [[within]]} : document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        [WCAG_21_AA, within],
    )


def report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{', '.join(t for t in violation['tags'] if t.startswith('wcag'))}]"
        )
        for node in violation["nodes"][:10]:
            lines.append(
                f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}"
            )
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def assert_accessible(
    page: Page, save_to: Path, name: str, within: str | None = None
) -> None:
    """Fail on any serious or critical WCAG 2.1 AA violation on ``page`` (or
    in the part of it that ``within`` selects)."""
    results = audit(page, within)
    violations = results["violations"]
    save_to.mkdir(parents=True, exist_ok=True)
    (save_to / f"axe-{name}.json").write_text(
        json.dumps(
            {
                "url": results["url"],
                "axe": results["testEngine"]["version"],
                "violations": violations,
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe-core on {page.url}:\n{report(blocking)}"
