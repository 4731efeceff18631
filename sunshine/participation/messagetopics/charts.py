"""Bar charts as plain data for CSS/SVG templates (no JavaScript, no CDN)."""


def bars(rows: list[tuple[str, int]]) -> list[dict]:
    """[(label, value)] → [{label, value, percent}] with percent of the largest value."""
    top = max((v for _label, v in rows), default=0) or 1
    return [{"label": label, "value": v, "percent": round(100 * v / top, 1)} for label, v in rows]
