"""Settings of the 公开答复库 and of the 条例 Art. 44 prompt, each overridable in Django settings.

- FOI_PUBLIC_ANSWER_OUTCOMES: the outcomes whose reply may be published (default 予以公开,
  部分公开 and 不属于本机关负责公开 — the last tells the next applicant where to ask).
- FOI_ART44_MIN_APPLICANTS (3): distinct applicants, this one included, who asked the same
  agency for the same information before the prompt shows. 条例 Art. 44 says 多个申请人; two
  could be a coincidence (two members of one family, a lawyer and the client), three are a
  pattern. A province that reads 多个 as "more than one" sets 2.
- FOI_ART44_WINDOW_MONTHS (12): requests received within this many months before or after the
  request's own received date are compared.
- FOI_ART44_SIMILARITY (0.6): the TF-IDF cosine from which two descriptions ask for the same
  information; FOI_ANSWER_MATCH_SIMILARITY (0.4): the lower bar from which a public answer is
  shown to an applicant (they decide, so a wider net does no harm).
"""

from django.conf import settings

from sunshine.disclosure.foi.choices import Outcome

DEFAULT_OUTCOMES = (Outcome.DISCLOSED, Outcome.PARTIAL, Outcome.UNAVAILABLE_OTHER_AGENCY)


def publishable_outcomes() -> frozenset[str]:
    return frozenset(
        str(o) for o in getattr(settings, "FOI_PUBLIC_ANSWER_OUTCOMES", DEFAULT_OUTCOMES)
    )


def art44_min_applicants() -> int:
    return max(2, int(getattr(settings, "FOI_ART44_MIN_APPLICANTS", 3)))


def art44_window_months() -> int:
    return max(1, int(getattr(settings, "FOI_ART44_WINDOW_MONTHS", 12)))


def art44_similarity() -> float:
    return float(getattr(settings, "FOI_ART44_SIMILARITY", 0.6))


def match_similarity() -> float:
    return float(getattr(settings, "FOI_ANSWER_MATCH_SIMILARITY", 0.4))
