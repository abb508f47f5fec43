"""Server-side SVG bar charts for the report page (no JavaScript, no CDN).

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>``
that says in words what the bars show, so that screen readers and printouts
get the figures too; every bar has its own ``<title>`` (a tooltip).
"""

from html import escape


PALETTE = ("#1f6fb2", "#2e9e5b", "#e0a100", "#c0392b", "#7f8c8d", "#8e44ad")


def _text(value) -> str:
    return escape(str(value), quote=True)


def stacked_bars(
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
    width: int = 720,
    height: int = 260,
) -> str:
    """Vertical stacked bars: one bar per category, one colour per series."""
    left, right, top, bottom = 40, 10, 30, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values[i] for _n, values in series) for i in range(len(categories))]
    top_value = max([*totals, 1])
    step = plot_w / max(len(categories), 1)
    bar_w = max(step * 0.7, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="stat-chart" role="img" '
        f'id="{_text(chart_id)}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{_text(chart_id)}-title {_text(chart_id)}-desc">',
        f'<title id="{_text(chart_id)}-title">{_text(title)}</title>',
        f'<desc id="{_text(chart_id)}-desc">{_text(description)}</desc>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" '
        f'y2="{top + plot_h}" stroke="#555" />',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" '
        f'font-size="11">{top_value}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" '
        f'font-size="11">0</text>',
    ]
    label_every = max(1, len(categories) // 14)
    for i, category in enumerate(categories):
        x = left + i * step + (step - bar_w) / 2
        y = top + plot_h
        for s, (name, values) in enumerate(series):
            value = values[i]
            if not value:
                continue
            h = plot_h * value / top_value
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{PALETTE[s % len(PALETTE)]}">'
                f"<title>{_text(category)} – {_text(name)}: {value}</title></rect>"
            )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 14}" '
                f'text-anchor="middle" font-size="10">{_text(category)}</text>'
            )
    x = left
    for s, (name, _values) in enumerate(series):
        parts.append(
            f'<rect x="{x}" y="{height - 22}" width="12" height="12" '
            f'fill="{PALETTE[s % len(PALETTE)]}" />'
            f'<text x="{x + 16}" y="{height - 12}" font-size="12">{_text(name)}</text>'
        )
        x += 24 + 8 * len(name)
    parts.append("</svg>")
    return "".join(parts)


def describe(categories: list[str], series: list[tuple[str, list[int]]]) -> str:
    """The figures of a chart in words, for its ``<desc>``."""
    rows = []
    for i, category in enumerate(categories):
        values = ", ".join(f"{name} {values[i]}" for name, values in series)
        rows.append(f"{category}: {values}")
    return "; ".join(rows) + "."
