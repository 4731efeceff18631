"""Two charts a supervisor would rather look at than read, drawn on the server as inline SVG
(no JavaScript, no CDN): the on-time rate per agency (horizontal bars) and the monthly volume
(received and completed lines). Each chart has a title and a description for screen readers;
the same numbers are in the tables beside them."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

GREEN, AMBER, RED, BLUE, GREY = "#1a7f37", "#9a6700", "#cf222e", "#0b57d0", "#57606a"


def _color(rate: float) -> str:
    if rate >= 0.95:
        return GREEN
    if rate >= 0.8:
        return AMBER
    return RED


def on_time_bars(rows, *, chart_id: str = "chart-on-time", limit: int = 20) -> str:
    """One bar per agency with completed applications: on-time rate 0–100 %."""
    rows = [r for r in rows if r.on_time_rate is not None][:limit]
    if not rows:
        return ""
    label_w, bar_w, row_h, top = 190, 300, 26, 8
    width, height = label_w + bar_w + 70, top + row_h * len(rows) + 24
    title = _("各单位按时办结率")
    desc = "；".join(f"{r.name} {r.on_time_rate:.0%}" for r in rows)
    parts = [
        f'<svg class="sv-chart" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for pct in (0, 50, 80, 95, 100):
        x = label_w + bar_w * pct / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 20}" '
            f'stroke="#d0d7de" stroke-width="1"/>'
        )
        if pct != 95:  # too close to 100 for a label; the line marks the 95 % target
            parts.append(
                f'<text x="{x:.1f}" y="{height - 6}" font-size="11" text-anchor="middle" '
                f'fill="{GREY}">{pct}%</text>'
            )
    for i, r in enumerate(rows):
        y = top + i * row_h
        w = bar_w * r.on_time_rate
        name = r.name if len(r.name) <= 13 else r.name[:12] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" font-size="12" text-anchor="end" '
            f'fill="#1f2328">{escape(name)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 10}" '
            f'fill="{_color(r.on_time_rate)}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 16}" font-size="12" '
            f'fill="#1f2328">{r.on_time_rate:.1%}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def monthly_lines(months: list[dict], *, chart_id: str = "chart-monthly") -> str:
    """Received and completed per month (last 12 months)."""
    if not months or not any(m["received"] or m["completed"] for m in months):
        return ""
    left, right, top, bottom = 48, 16, 12, 40
    plot_w, plot_h = 520, 180
    width, height = left + plot_w + right, top + plot_h + bottom
    peak = max(max(m["received"], m["completed"]) for m in months) or 1
    step = plot_w / max(1, len(months) - 1)

    def point(i, value):
        return left + i * step, top + plot_h - plot_h * value / peak

    title = _("每月收件与办结量")
    desc = "；".join(
        _("%(m)s 收件 %(r)s 办结 %(c)s")
        % {"m": f"{m['month']:%Y-%m}", "r": m["received"], "c": m["completed"]}
        for m in months
    )
    parts = [
        f'<svg class="sv-chart" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for frac in (0, 0.5, 1):
        y = top + plot_h - plot_h * frac
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="#d0d7de"/><text x="{left - 6}" y="{y + 4:.1f}" font-size="11" '
            f'text-anchor="end" fill="{GREY}">{round(peak * frac)}</text>'
        )
    for i, m in enumerate(months):
        x, _y = point(i, 0)
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="10" text-anchor="middle" '
            f'fill="{GREY}">{m["month"]:%y-%m}</text>'
        )
    for key, color, dash in (
        ("received", BLUE, ""),
        ("completed", GREEN, ' stroke-dasharray="6 3"'),
    ):
        pts = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(i, m[key]) for i, m in enumerate(months))
        )
        parts.append(
            f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"{dash}/>'
        )
    legend_y = height - 8
    parts.append(
        f'<line x1="{left}" y1="{legend_y - 4}" x2="{left + 24}" y2="{legend_y - 4}" '
        f'stroke="{BLUE}" stroke-width="2"/><text x="{left + 30}" y="{legend_y}" '
        f'font-size="12" fill="#1f2328">{escape(_("收件"))}</text>'
        f'<line x1="{left + 90}" y1="{legend_y - 4}" x2="{left + 114}" y2="{legend_y - 4}" '
        f'stroke="{GREEN}" stroke-width="2" stroke-dasharray="6 3"/>'
        f'<text x="{left + 120}" y="{legend_y}" font-size="12" fill="#1f2328">'
        f"{escape(_('办结'))}</text>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))
