"""QR codes drawn server-side as inline SVG (no JavaScript, prints sharply)."""

from html import escape

import qrcode


def qr_svg(text: str, label: str | None = None, css_class: str = "slip-qr-code") -> str:
    """An inline SVG QR code of ``text``.

    Dark modules are drawn as one path, row by row; the label (default: the
    text) is the SVG's ``<title>`` and ``aria-label``.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    label = escape(label if label is not None else text, quote=True)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{escape(css_class)}" '
        f'viewBox="0 0 {size} {size}" role="img" aria-label="{label}" '
        f'shape-rendering="crispEdges"><title>{label}</title>'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(parts)}"/></svg>'
    )
