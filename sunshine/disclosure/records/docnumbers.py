"""文号 (发文字号) as records store it: the canonical `<机关代字>〔<year>〕<n>号` of
disclosure/docparse (which accepts [2016], (2016), ［2016］, 第, leading zeros, spaces...)."""

from sunshine.disclosure.docparse.docnumber import parse_doc_number


def clean_doc_number(raw: str) -> str:
    """The normalised 文号, or "" when none is given; ValidationError (with the expected form)
    when it is not a 文号."""
    if not (raw or "").strip():
        return ""
    return parse_doc_number(raw).normalized
