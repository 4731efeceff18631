"""Records in every state for the portal tests (through the domain's test factories, so the
numbers, versions and workflow are real)."""

from sunshine.disclosure.records import services
from sunshine.disclosure.records.tests.factories import advance, draft

WITHHELD = {"withheld_reason": "涉及内部事务", "withheld_ground": "internal"}


def published(people, **fields):
    return advance(draft(people, **fields), people, "published")


def in_state(people, state: str, mode: str = "proactive", **fields):
    extra = WITHHELD if mode != "proactive" else {}
    return advance(draft(people, disclosure_mode=mode, **extra, **fields), people, state)


def one_of_each(people) -> dict:
    """A public record and one record of each kind that must never be public."""
    return {
        "public": published(people, title="公开的政策文件"),
        "draft": in_state(people, "draft", title="草稿文件"),
        "submitted": in_state(people, "submitted", title="待审核文件"),
        "signed_off": in_state(people, "signed_off", title="已签发未发布文件"),
        "scheduled": in_state(people, "scheduled", title="定时发布文件"),
        "withdrawn": in_state(people, "withdrawn", title="已撤回文件"),
        "on_request": in_state(people, "filed", mode="on_request", title="依申请公开文件"),
        "withheld": in_state(people, "filed", mode="withheld", title="不予公开文件"),
    }


def revise(record, people, **changes):
    note = changes.pop("change_note", "修订")
    return services.revise(record=record, actor=people["approver"], change_note=note, **changes)
