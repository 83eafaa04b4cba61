"""Small server-side SVG charts for the admin dashboard: no JavaScript, no chart library, no CDN.

Pure Python (stdlib only). Invariants:
- Every string that reaches the SVG goes through ``_esc``: labels come from data (outlet and
  detector names), so they must never become markup. The result is safe to mark safe.
- Every chart is ``<svg role="img">`` labelled by its ``<title>`` and described by its ``<desc>``
  (``aria-labelledby``), and every bar has its own ``<title>`` with label and value, so a screen
  reader or a hover tells the number without reading pixels.
- Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies); stacked
  series also get a legend with their names, so no meaning rests on colour alone.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442", "#000000")
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="12"'
AXIS = "#767676"


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: Sequence[float]
    colour: str


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def nice_max(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above ``value`` (1 for nothing)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def axis_ticks(value: float, *, integer: bool = True, target: int = 4) -> list[float]:
    """Evenly spaced tick values from 0 to at least ``value``: steps of 1, 2 or 5 times a power of
    ten, about ``target`` of them; whole numbers only when ``integer`` (counts)."""
    if value <= 0:
        return [0.0, 1.0]
    raw = value / target
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if raw <= m * power)
    if integer:
        step = max(1.0, float(math.ceil(step)))
    count = math.ceil(value / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def _open(chart_id: str, title: str, description: str, width: int, height: int) -> list[str]:
    cid = _esc(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{cid}" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{cid}-title {cid}-desc" {FONT}>',
        f'<title id="{cid}-title">{_esc(title)}</title>',
        f'<desc id="{cid}-desc">{_esc(description)}</desc>',
    ]


def _empty(parts: list[str], width: int, height: int, message: str) -> str:
    parts.append(
        f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="currentColor">{_esc(message)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def hbar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[tuple[str, float]],
    notes: Sequence[str] | None = None,
    value_format: Callable[[float], str] = _num,
    max_value: float | None = None,
    colour: str = OKABE_ITO[3],
    width: int = 640,
    empty: str = "No data yet.",
) -> str:
    """Horizontal bars, one row per (label, value); ``notes`` adds text after each value (e.g. ``n=12``)."""
    row, top, label_width = 24, 8, 200
    height = max(60, top * 2 + row * len(bars) + 20)
    parts = _open(chart_id, title, description, width, height)
    if not bars:
        return _empty(parts, width, height, empty)
    scale_max = max_value if max_value is not None else nice_max(max(value for _, value in bars))
    plot = width - label_width - 120
    parts.append(
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{top + row * len(bars)}" stroke="{AXIS}"/>'
    )
    for index, (label, value) in enumerate(bars):
        y = top + index * row
        length = 0 if scale_max <= 0 else max(0.0, min(1.0, value / scale_max)) * plot
        text = value_format(value) + (f" ({notes[index]})" if notes else "")
        short = label if len(label) <= 30 else label[:29] + "…"
        parts.append(
            f'<g class="bar"><title>{_esc(label)}: {_esc(text)}</title>'
            f'<text x="{label_width - 6}" y="{y + row / 2 + 4}" text-anchor="end" fill="currentColor">{_esc(short)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" fill="{_esc(colour)}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + row / 2 + 4}" fill="currentColor">{_esc(text)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def stacked_bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    width: int = 640,
    height: int = 280,
    label_every: int = 1,
    empty: str = "No data yet.",
) -> str:
    """Vertical bars per category, each stacked from ``series`` (bottom first), with a legend and a y axis."""
    parts = _open(chart_id, title, description, width, height)
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    if not categories or not series or not any(totals):
        return _empty(parts, width, height, empty)
    left, right, top = 44, 12, 10
    legend_rows = math.ceil(len(series) / 3)
    bottom = 40 + 18 * legend_rows
    plot_w, plot_h = width - left - right, height - top - bottom
    integer = all(float(v).is_integer() for s in series for v in s.values)
    ticks = axis_ticks(max(totals), integer=integer)
    scale_max = ticks[-1]
    for tick, value in enumerate(ticks):  # y axis
        y = top + plot_h - plot_h * value / scale_max
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{AXIS}" stroke-opacity="{0.9 if tick == 0 else 0.25}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="currentColor">{_esc(_num(value))}</text>'
        )
    slot = plot_w / len(categories)
    bar_w = max(2.0, slot * 0.7)
    for index, category in enumerate(categories):
        x = left + index * slot + (slot - bar_w) / 2
        y = top + plot_h
        detail = "; ".join(f"{s.name} {_num(s.values[index])}" for s in series if s.values[index])
        parts.append(
            f'<g class="bar"><title>{_esc(category)}: {_esc(_num(totals[index]))} ({_esc(detail or "none")})</title>'
        )
        for s in series:
            value = s.values[index]
            if not value:
                continue
            h = plot_h * value / scale_max
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{_esc(s.colour)}"/>'
            )
        parts.append("</g>")
        if index % max(1, label_every) == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" fill="currentColor">{_esc(category)}</text>'
            )
    legend_y = top + plot_h + 34
    column = (width - left) / 3
    for index, s in enumerate(series):
        lx = left + (index % 3) * column
        ly = legend_y + (index // 3) * 18
        parts.append(
            f'<rect x="{lx:.1f}" y="{ly - 10}" width="12" height="12" fill="{_esc(s.colour)}"/>'
            f'<text x="{lx + 18:.1f}" y="{ly}" fill="currentColor">{_esc(s.name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
