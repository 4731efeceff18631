"""Batch routing of a CSV export of messages: predicted 一级分类 and 建议承办单位 columns."""

import csv
from pathlib import Path

from django.utils.translation import gettext as _

from .classifier import BODY, CATEGORY, MODEL_PATH, SUBJECT, predict_categories, suggest_agency

AGENCY_COLUMN = "建议承办单位"


class RoutingError(Exception):
    """The input cannot be routed (unreadable file, missing column)."""


def route_csv(in_path: Path, out_path: Path, *, model_path: Path = MODEL_PATH) -> int:
    """Copy `in_path` to `out_path` (UTF-8, with BOM for Excel) with the predicted category
    (replacing an existing 一级分类 column, in place) and the suggested agency. Returns the
    number of rows written."""
    try:
        with open(in_path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = list(reader.fieldnames or [])
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise RoutingError(
            _("无法读取文件 %(path)s：%(error)s") % {"path": in_path, "error": exc}
        ) from exc
    missing = [col for col in (SUBJECT, BODY) if col not in header]
    if missing:
        raise RoutingError(
            _("文件 %(path)s 缺少列：%(columns)s")
            % {"path": in_path, "columns": "、".join(missing)}
        )
    out_header = [col for col in header if col]
    for col in (CATEGORY, AGENCY_COLUMN):
        if col not in out_header:
            out_header.append(col)
    predictions = predict_categories(
        [(r.get(SUBJECT) or "", r.get(BODY) or "") for r in rows], model_path=model_path
    )
    for row, (label, _probability) in zip(rows, predictions, strict=True):
        row.pop(None, None)  # cells beyond the header
        row[CATEGORY] = label
        row[AGENCY_COLUMN] = suggest_agency(label)
    with open(out_path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=out_header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
