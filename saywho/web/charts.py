"""Bar charts as standalone SVG, drawn on the server (so they download as files as they are).

Labels are escaped: outlet and speaker names are hostile input like everything else.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from xml.sax.saxutils import escape

__all__ = ["bar_chart", "fill_periods"]

WIDTH, HEIGHT = 720, 240
PAD_L, PAD_R, PAD_T, PAD_B = 44, 12, 30, 46


MAX_BARS = 400


def _next(label: str, period: str) -> str:
    if period == "year":
        return str(int(label) + 1)
    if period == "month":
        y, m = int(label[:4]), int(label[5:7])
        return f"{y + m // 12}-{m % 12 + 1:02d}"
    return (_dt.date.fromisoformat(label) + _dt.timedelta(days=7)).isoformat()


def fill_periods(points: Sequence[tuple[str, float]], period: str) -> list[tuple[str, float]]:
    """``points`` with the empty periods between the first and the last added as zeros, so
    the bars read as a timeline (left as they are beyond :data:`MAX_BARS` bars)."""
    if not points:
        return []
    have = dict(points)
    out: list[tuple[str, float]] = []
    label, last = points[0][0], points[-1][0]
    try:
        while label <= last and len(out) <= MAX_BARS:
            out.append((label, have.get(label, 0)))
            label = _next(label, period)
    except ValueError:  # a label that is not a period of this kind
        return list(points)
    return out if len(out) <= MAX_BARS else list(points)


def _nice_max(v: float) -> int:
    """The top of the y axis: four whole, round steps (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k) above ``v``."""
    need = max(v, 1) / 4
    magnitude = 10 ** max(0, len(str(int(need))) - 1)
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * magnitude >= need and float(step * magnitude).is_integer():
            return int(step * magnitude * 4)
    return int(10 * magnitude * 4)


def bar_chart(points: Sequence[tuple[str, float]], *, title: str, unit: str = "quotes") -> str:
    """An SVG bar chart of ``(label, value)`` points, in order."""
    esc = escape
    inner_w = WIDTH - PAD_L - PAD_R
    inner_h = HEIGHT - PAD_T - PAD_B
    top = _nice_max(max((v for _, v in points), default=0))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{esc(title, {chr(34): "&quot;"})}">',
        "<style>text{font-family:system-ui,sans-serif;font-size:11px;fill:#444}"
        ".t{font-size:13px;font-weight:600;fill:#222}.b{fill:#3b6fb6}.g{stroke:#e3e3e3}</style>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<text class="t" x="{PAD_L}" y="18">{esc(title)}</text>',
    ]
    for i in range(5):
        v = top * i / 4
        y = PAD_T + inner_h - inner_h * i / 4
        parts.append(
            f'<line class="g" x1="{PAD_L}" x2="{WIDTH - PAD_R}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        parts.append(f'<text x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end">{v:g}</text>')
    n = len(points)
    if n == 0:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">no dated {esc(unit)}</text>'
        )
    slot = inner_w / max(n, 1)
    every = max(1, int(n / 12) + (1 if n % 12 else 0)) if n > 12 else 1
    for i, (label, value) in enumerate(points):
        h = inner_h * (value / top) if top else 0
        bar = min(max(slot * 0.76, 1), 56)
        x = PAD_L + i * slot + (slot - bar) / 2
        y = PAD_T + inner_h - h
        parts.append(
            f'<rect class="b" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
            f'height="{h:.1f}"><title>{esc(str(label))}: {value:g} {esc(unit)}</title></rect>'
        )
        if i % every == 0:
            lx = PAD_L + i * slot + slot / 2
            parts.append(
                f'<text x="{lx:.1f}" y="{HEIGHT - PAD_B + 14}" text-anchor="middle">'
                f"{esc(str(label))}</text>"
            )
    parts.append(
        f'<text x="{WIDTH - PAD_R}" y="{HEIGHT - 8}" text-anchor="end">{esc(unit)} per period</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)
