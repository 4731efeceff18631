"""行政执法公示 test and demo data: decisions created through the services (clocks, audit and
the search index are real). `EnforcementFactory(agency, editor, publisher, reviewer)`; each
method registers a decision and, as asked, sends it to 法制审核, decides and publishes it."""

from sunshine.governance.enforcement import services
from sunshine.governance.enforcement.choices import DecisionKind, PartyKind, PenaltyCategory
from sunshine.governance.enforcement.models import EnforcementDecision
from sunshine.testing.identity import make_credit_code

DEMO_AGENCY = "广东省交通运输厅"


def license_data(
    doc_number="粤交许〔2026〕1号", title="道路运输经营许可", party="广州市某某运输有限公司", n=1
):
    return {
        "kind": DecisionKind.LICENSE,
        "doc_number": doc_number,
        "title": title,
        "party_kind": PartyKind.ORGANISATION,
        "party_name": party,
        "credit_code": make_credit_code(n, kind="91", region="440100"),
        "legal_rep": "王某某",
        "basis": "《中华人民共和国道路运输条例》第十条",
        "content": "准予从事道路普通货物运输经营。",
        "license_number": f"粤交运管许可穗字440100{n:06d}号",
    }  # fmt: skip


def penalty_data(doc_number="粤交罚〔2026〕1号", title="未取得道路运输经营许可擅自从事道路运输经营案",
                 party="广州市某某物流有限公司", n=2, person=False):  # fmt: skip
    data = {
        "kind": DecisionKind.PENALTY,
        "doc_number": doc_number,
        "title": title,
        "party_kind": PartyKind.PERSON if person else PartyKind.ORGANISATION,
        "party_name": party,
        "basis": "《中华人民共和国道路运输条例》第六十三条",
        "facts": "当事人未取得道路运输经营许可，擅自从事道路普通货物运输经营。",
        "content": "责令停止经营，罚款人民币贰万元。",
        "penalty_categories": [PenaltyCategory.FINE],
        "fine_amount": "2",
    }
    if person:
        data["id_number"] = "11010519491231002X"
    else:
        data["credit_code"] = make_credit_code(n, kind="91", region="440100")
        data["legal_rep"] = "陈某某"
    return data


class EnforcementFactory:
    def __init__(self, agency, editor, publisher=None, reviewer=None):
        self.agency, self.editor = agency, editor
        self.publisher, self.reviewer = publisher or editor, reviewer
        self.n = 0

    @classmethod
    def for_demo(cls):
        from sunshine.kernel.accounts.models import User
        from sunshine.kernel.orgs.models import Agency

        agency = Agency.objects.filter(name=DEMO_AGENCY).first()
        users = {u.email: u for u in User.objects.filter(email__endswith="@demo.gd.gov.cn")}
        editor = users.get("drafter@demo.gd.gov.cn")
        if agency is None or editor is None:
            return None
        return cls(
            agency,
            editor,
            users.get("officer@demo.gd.gov.cn"),
            users.get("reviewer@demo.gd.gov.cn"),
        )

    def exists(self) -> bool:
        return EnforcementDecision.objects.filter(agency=self.agency).exists()

    def count(self) -> int:
        return EnforcementDecision.objects.filter(agency=self.agency).count()

    def _finish(self, decision, *, decided_on, publish, major, send_for_review, approve):
        if major and (send_for_review or approve):
            services.request_review(actor=self.editor, decision=decision, note="请予审核。")
            if approve:
                services.review(
                    actor=self.reviewer, decision=decision, outcome="approved", opinion="同意。"
                )
        if decided_on is not None:
            services.decide(actor=self.editor, decision=decision, decided_on=decided_on)
            if publish:
                services.publish(actor=self.publisher, decision=decision)
        decision.refresh_from_db()
        return decision

    def license(self, doc_number, title, party, *, decided_on=None, publish=False, **extra):
        self.n += 1
        data = license_data(doc_number, title, party, n=self.n + 100) | extra
        decision = services.register(actor=self.editor, agency=self.agency, **data)
        return self._finish(decision, decided_on=decided_on, publish=publish, major=False,
                            send_for_review=False, approve=False)  # fmt: skip

    def penalty(self, doc_number, title, party, *, person=False, decided_on=None, publish=False,
                major=False, send_for_review=False, approve=False, **extra):  # fmt: skip
        self.n += 1
        data = penalty_data(doc_number, title, party, n=self.n + 200, person=person) | extra
        data["is_major"] = major
        decision = services.register(actor=self.editor, agency=self.agency, **data)
        return self._finish(decision, decided_on=decided_on, publish=publish, major=major,
                            send_for_review=send_for_review, approve=approve)  # fmt: skip

    def withdraw(self, decision, *, revoked_on, reason):
        return services.withdraw(
            actor=self.publisher, decision=decision, revoked_on=revoked_on, reason=reason
        )
