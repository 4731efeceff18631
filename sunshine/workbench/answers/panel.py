"""The 公开答复库 / 条例 Art. 44 panel of the staff detail page of a request
(workbench/foi/detail.html includes workbench/answers/_panel.html with this context)."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.disclosure.answers import selectors, services
from sunshine.kernel.access.policy import can

from .forms import WithdrawForm


def answers_panel(user, item) -> dict:
    may_handle = can(user, "foi_answers.publish", item)
    answer = selectors.answer_of(item)
    refusal = ""
    try:
        services.check_publishable(item)
    except ValidationError as exc:
        refusal = " ".join(exc.messages)
    matches = [
        a
        for a in selectors.matching_answers(item.description, agency=item.agency)
        if a.request_id != item.pk
    ]
    for a in matches:
        # 条例 Art. 36(一): 已主动公开的，告知获取该政府信息的方式和途径.
        a.reply_hint = _(
            "您申请获取的政府信息已经主动公开，可通过本机关公开答复库“%(title)s”获取：%(url)s"
        ) % {"title": a.title, "url": reverse("portal:answers_detail", args=[a.pk])}
    proposal = selectors.proposal_for(item)
    cluster = None if proposal is not None else selectors.art44_cluster(item)
    return {
        "consent": item.publish_consent,
        "may_handle": may_handle,
        "may_propose": can(user, "foi_answers.propose", item),
        "answer": answer,
        "refusal": refusal,
        "matches": matches,
        "proposal": proposal,
        "cluster": cluster if cluster is not None and cluster.reached else None,
        "withdraw_form": WithdrawForm(),
    }
