"""Accuracy of the rule-based 公文 parser (sunshine.disclosure.docparse) on real documents, and
how many real 文号 parse_doc_number accepts.

    .venv/bin/python bench/extract_accuracy.py [--data ../shared/data/policy-docs] [-v]

1. Fields of the 40 full-text documents (fulltext/*.txt, body text as scraped) against
   fulltext/index.csv. Normalisation before comparing:
   - title: NFKC (full-width → half-width), all whitespace removed, a leading or trailing
     （已废止）/（已失效） marker removed, a leading 文号 and 《》 around the whole title removed
     (index.csv writes some titles as "农办计〔2016〕92号《……的批复》"); exact equality. The scraped bodies often lack the
     title, so the rate is also given over the documents whose text contains the title.
   - issuer: index.csv's main_issuer is coarse (a province "广东", a ministry "商务部"); a
     match is main_issuer contained in the extracted issuer (NFKC, no spaces), or the other
     way round. "undetermined" rows are left out.
   - date_written: ISO date equal to index.csv's Date (its 成文日期).
   Documents with an empty or unusable body (body_chars < 50) are counted apart.
2. parse_doc_number over every non-empty doc_number of metadata.csv, by government.
"""

import argparse
import collections
import csv
import os
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402

from sunshine.disclosure.docparse.docnumber import parse_doc_number  # noqa: E402
from sunshine.disclosure.docparse.parse import parse_document  # noqa: E402

STATUS = re.compile(r"^[（(]已?(?:废止|失效)[）)]|[（(]已?(?:废止|失效)[）)]$")


def norm(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


LEADING_NUMBER = re.compile(r"^[^《]{1,12}\[\d{4}\]\d+号")


def norm_title(text: str | None) -> str:
    """NFKC, no spaces, no （已废止） marker, no leading 文号, no 《》 around the whole title."""
    title = LEADING_NUMBER.sub("", STATUS.sub("", norm(text).replace("〔", "[").replace("〕", "]")))
    if title.startswith("《") and title.endswith("》"):
        title = title[1:-1]
    return title


def pct(n: int, d: int) -> str:
    return f"{n}/{d} = {100 * n / d:.0f}%" if d else "n/a"


def fields(data: Path, verbose: bool) -> None:
    rows = list(csv.DictReader((data / "fulltext" / "index.csv").open(encoding="utf-8")))
    usable = [r for r in rows if int(r["body_chars"] or 0) >= 50]
    title_ok = title_present = title_present_ok = title_found = 0
    issuer_ok = issuer_n = issuer_found = date_ok = date_found = number_found = 0
    date_present = date_present_ok = 0
    for row in usable:
        text = (data / "fulltext" / row["file"]).read_text(encoding="utf-8")
        got = parse_document(text)
        want_title = norm_title(row["Title"])
        present = want_title and want_title in norm(text)
        ok_title = norm_title(got["title"]) == want_title
        title_found += bool(got["title"])
        title_ok += ok_title
        title_present += bool(present)
        title_present_ok += bool(present and ok_title)
        want_issuer = norm(row["main_issuer"])
        ok_issuer = None
        if want_issuer and want_issuer != "undetermined":
            issuer_n += 1
            mine = norm(got["issuer"])
            ok_issuer = bool(mine) and (want_issuer in mine or mine in want_issuer)
            issuer_ok += ok_issuer
        issuer_found += bool(got["issuer"])
        date_found += bool(got["date_written"])
        ok_date = got["date_written"] == row["Date"]
        date_ok += ok_date
        y, m, d = (int(p) for p in row["Date"].split("-"))
        if re.search(rf"{y}\s*年\s*0?{m}\s*月\s*0?{d}\s*日", text):
            date_present += 1
            date_present_ok += ok_date
        number_found += bool(got["doc_number"])
        if verbose:
            marks = "".join("+" if ok else "-" for ok in (ok_title, ok_issuer, ok_date))
            print(
                f"{row['doc_id']:>7} {marks} {got['title']!s:.40} | {got['issuer']} "
                f"({row['main_issuer']}) | {got['date_written']} ({row['Date']}) "
                f"| {got['doc_number']}"
            )
    n = len(usable)
    print(f"Documents: {len(rows)} in index.csv, {n} with a usable body (>= 50 characters)")
    print(
        f"title        exact: {pct(title_ok, n)};  where the title is in the text: "
        f"{pct(title_present_ok, title_present)};  a title given: {pct(title_found, n)}"
    )
    print(
        f"issuer       match: {pct(issuer_ok, issuer_n)} (main_issuer known);  "
        f"an issuer given: {pct(issuer_found, n)}"
    )
    print(
        f"date_written equal: {pct(date_ok, n)};  where the date is written in the text: "
        f"{pct(date_present_ok, date_present)};  a date given: {pct(date_found, n)}"
    )
    print(f"doc_number   found in {pct(number_found, n)} (no reference values in index.csv)")


def doc_numbers(data: Path) -> None:
    totals: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    failures: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    with (data / "metadata.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            value = row["doc_number"]
            if not value:
                continue
            counts = totals[row["government"]]
            counts[1] += 1
            try:
                parse_doc_number(value)
                counts[0] += 1
            except ValidationError:
                shape = re.sub(r"\d+", "9", re.sub(r"[\u4e00-\u9fff]+", "H", value))
                failures[row["government"]][shape] += 1
    print("\nparse_doc_number on metadata.csv doc_number (parsed / non-empty):")
    all_ok = all_n = 0
    for government, (ok, n) in sorted(totals.items()):
        all_ok, all_n = all_ok + ok, all_n + n
        refused = ", ".join(f"{s!r}×{c}" for s, c in failures[government].most_common(3))
        print(f"  {government:<36} {pct(ok, n):>20}   refused: {refused or '-'}")
    print(f"  {'all':<36} {pct(all_ok, all_n):>20}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/policy-docs")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per document")
    args = parser.parse_args()
    fields(args.data, args.verbose)
    doc_numbers(args.data)


if __name__ == "__main__":
    main()
