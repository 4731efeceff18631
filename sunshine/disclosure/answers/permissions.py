"""Who may publish, withdraw and propose: the roles that handle the request ("foi.handle", the
disclosure office 公开办), on the request's agency and its subtree; anyone may read the library."""

from sunshine.disclosure.foi.permissions import FOI_ACTIONS
from sunshine.kernel.access.policy import PUBLIC

HANDLERS = FOI_ACTIONS["foi.handle"]

ANSWER_ACTIONS = {
    "foi_answers.view": [PUBLIC],
    "foi_answers.publish": HANDLERS,
    "foi_answers.withdraw": HANDLERS,
    # 条例 Art. 44: propose proactive disclosure (the draft itself needs "record.draft").
    "foi_answers.propose": HANDLERS,
}
