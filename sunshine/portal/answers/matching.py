"""The application form's "already answered" step: before an online application is submitted,
public answers of the agency that match its description are shown; the applicant may read them
or confirm, and the second submit (with `confirm_submit`) goes through with everything typed
kept. The confirmation carries a digest of the description: an applicant who changes the
description is shown the answers that match the new one."""

import hashlib

from sunshine.disclosure.answers.selectors import matching_answers

CONFIRM_FIELD = "confirm_submit"


def confirmation(description: str) -> str:
    return hashlib.sha256(" ".join((description or "").split()).encode()).hexdigest()[:16]


def answers_to_show(post, cleaned: dict, agency) -> list:
    """The matching public answers to show before submitting; [] when there are none or the
    applicant has seen them for this very description and confirmed."""
    description = cleaned.get("description") or ""
    if post.get(CONFIRM_FIELD) == confirmation(description):
        return []
    return matching_answers(description, agency=agency)


def context(matches: list, cleaned: dict | None) -> dict:
    if not matches:
        return {"answer_matches": []}
    return {
        "answer_matches": matches,
        "answer_confirm_field": CONFIRM_FIELD,
        "answer_confirm_value": confirmation((cleaned or {}).get("description") or ""),
    }
