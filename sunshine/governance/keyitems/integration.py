"""What key items offer kernel/duban (督办), listed in the feature manifest: a public
question (公众监督) can be supervised, addressed to the item's agency."""

from sunshine.kernel.duban.registry import Supervisable

from .links import staff_question_url

QUESTION_SUPERVISABLE = Supervisable(
    kind="keyitem_question",
    model="keyitems.PublicQuestion",
    title=lambda q: f"公众监督：{q.item.title}",
    url=staff_question_url,
    agency=lambda q: q.item.agency,
    label="重要职权事项公众监督",
)
