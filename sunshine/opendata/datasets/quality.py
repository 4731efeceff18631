"""The quality score of a dataset (数据质量评分), shown with its formula on the dataset page:

    score = 100 × (0.4 × completeness + 0.3 × timeliness + 0.3 × openness)

- completeness: the share of the ten metadata items that are filled in (摘要 of at least 20
  characters, 主题, 行业, 更新频率, 许可, 关键词, 联系方式, 空间范围, 字段说明 with a description
  for every field, at least one resource);
- timeliness: 1 while the data's last update is within its update period (更新频率), then
  falling linearly to 0 at two periods late; 不定期 / 不再更新 data counts 1 within a year of its
  last update, 0.5 after;
- openness: the mean over its resources of 1 for CSV and JSON, 0.8 for an API, 0.6 for XLSX
  (0 without resources).
A 不予开放 entry has no data: its score is its completeness alone."""

import datetime as dt
from dataclasses import dataclass

from .choices import FORMAT_OPENNESS, FREQUENCY_DAYS

WEIGHTS = {"completeness": 0.4, "timeliness": 0.3, "openness": 0.3}
FORMULA = "100 × (0.4 × 完整性 + 0.3 × 及时性 + 0.3 × 开放性)"


@dataclass(frozen=True)
class Quality:
    completeness: float
    timeliness: float
    openness: float
    score: int


def completeness(dataset, fields: list, resources: list) -> float:
    checks = [
        len(dataset.notes or "") >= 20,
        bool(dataset.topic),
        bool(dataset.industry),
        bool(dataset.update_frequency),
        bool(dataset.license_id),
        bool(dataset.tags),
        bool(dataset.contact_name or dataset.contact_email),
        bool(dataset.spatial),
        bool(fields) and all(f.description or f.title for f in fields),
        bool(resources),
    ]
    return sum(checks) / len(checks)


def timeliness(frequency: str, updated: dt.date | None, today: dt.date) -> float:
    if updated is None:
        return 0.0
    age = (today - updated).days
    period = FREQUENCY_DAYS.get(frequency)
    if period is None:  # 不定期, 不再更新
        return 1.0 if age <= 366 else 0.5
    if age <= period:
        return 1.0
    return max(0.0, 1.0 - (age - period) / period)


def openness(formats: list[str]) -> float:
    if not formats:
        return 0.0
    return sum(FORMAT_OPENNESS.get(f, 0.0) for f in formats) / len(formats)


def assess(dataset, fields: list, resources: list, today: dt.date) -> Quality:
    c = completeness(dataset, fields, resources)
    if dataset.open_class == "closed":
        return Quality(c, 0.0, 0.0, round(100 * c))
    updated = dataset.data_updated_at.date() if dataset.data_updated_at else None
    t = timeliness(dataset.update_frequency, updated, today)
    o = openness([r.format for r in resources])
    score = round(100 * (WEIGHTS["completeness"] * c + WEIGHTS["timeliness"] * t + 0.3 * o))
    return Quality(c, t, o, score)
