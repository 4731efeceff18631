"""/api/v1/spotchecks, the staff writes (issue 13): a plan created, the libraries imported
from XLSX (every row error in the 422) or filled one entry at a time, the draw, the results
and the publication — the same services as the workbench; 409 for an act the plan's state
does not allow, 404 outside one's agencies."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.governance.spotchecks.models import CheckTarget, Inspector, SpotCheckPlan
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.kernel.audit.models import AuditEvent
from sunshine.testing.factories.powers import make_item
from sunshine.testing.factories.spotchecks import (
    INSPECTOR_HEADER,
    TARGET_HEADER,
    code,
    inspector_rows,
    sheet,
    target_rows,
)

API = "/api/v1/spotchecks"
pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, key = issue_api_token(actor=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", **bearer(user))


def upload(client, url, file, user):
    return client.post(url, {"file": file}, **bearer(user))


def test_a_plan_from_libraries_to_publication(client, gov):
    editor, market = gov["editor"], gov["market"]
    item = make_item(editor, market, code="JC-001", kind="inspection", name="食品经营者监督检查")
    lib = f"{API}/libraries/{market.pk}"
    # A library file with a bad row: 422 listing it, nothing saved.
    rows = target_rows(6)
    rows[2][0] = "12345"
    bad = upload(client, f"{lib}/targets/import", sheet(TARGET_HEADER, rows), editor)
    assert bad.status_code == 422
    assert any("第 4 行“统一社会信用代码”" in m for m in bad.json()["errors"]["file"])
    assert not CheckTarget.objects.exists()
    good = upload(client, f"{lib}/targets/import", sheet(TARGET_HEADER, target_rows(6)), editor)
    assert good.status_code == 200
    assert good.json() == {"created": 6, "updated": 0, "unchanged": 0, "removed": 0}
    people = upload(
        client, f"{lib}/inspectors/import", sheet(INSPECTOR_HEADER, inspector_rows()), editor
    )
    assert people.json()["created"] == 6
    # One more target and one more inspector, one at a time.
    added = post(client, f"{lib}/targets",
                 {"code": code(7), "name": "广州市某某餐饮有限公司", "unit": "食品经营监管处"},
                 editor)  # fmt: skip
    assert added.status_code == 200 and added.json()["code"] == code(7)
    refused = post(client, f"{lib}/inspectors", {"badge": "", "name": "赵六"}, editor)
    assert refused.status_code == 422 and "badge" in refused.json()["errors"]
    inspector = post(client, f"{lib}/inspectors",
                     {"badge": "440109999", "name": "赵六", "conflicts": [code(7)]}, editor)  # fmt: skip
    assert inspector.status_code == 200 and inspector.json()["conflicts"] == [code(7)]
    assert (CheckTarget.objects.count(), Inspector.objects.count()) == (7, 7)

    created = post(client, API, {"agency_id": market.pk, "title": "2026年食品经营抽查",
                                 "check_item_id": item.pk, "count": 3,
                                 "announced_number": "20261207"}, editor)  # fmt: skip
    assert created.status_code == 201, created.content
    plan = created.json()
    assert (plan["state"], plan["announced_number"], plan["targets"]) == ("draft", "20261207", [])
    assert client.get(f"{API}/{plan['id']}").status_code == 404  # not public before the draw

    drawn = post(client, f"{API}/{plan['id']}/draw", {}, editor)
    assert drawn.status_code == 200 and drawn.json()["state"] == "drawn"
    targets = [t["id"] for t in drawn.json()["targets"]]
    assert len(targets) == 3 and all(len(t["inspectors"]) == 2 for t in drawn.json()["targets"])
    again = post(client, f"{API}/{plan['id']}/draw", {}, editor)
    assert again.status_code == 409
    assert again.json() == {"detail": "该计划已经抽取过，不能重新抽取。"}

    early = post(client, f"{API}/{plan['id']}/publish", {}, editor)
    assert early.status_code == 422 and "没有录入检查结果" in early.json()["errors"]["__all__"][0]
    wrong = post(client, f"{API}/{plan['id']}/results",
                 {"target_id": targets[0], "outcome": "corrected"}, editor)  # fmt: skip
    assert wrong.status_code == 422 and "note" in wrong.json()["errors"]
    for target in targets:
        entered = post(client, f"{API}/{plan['id']}/results",
                       {"target_id": target, "outcome": "no_problem"}, editor)  # fmt: skip
        assert entered.status_code == 200
    staff_view = client.get(f"{API}/staff/{plan['id']}", **bearer(editor)).json()
    assert {t["outcome"] for t in staff_view["targets"]} == {"no_problem"}
    public_view = client.get(f"{API}/{plan['id']}").json()
    assert {t["outcome"] for t in public_view["targets"]} == {None}  # not yet published

    published = post(client, f"{API}/{plan['id']}/publish", {}, editor)
    assert published.status_code == 200 and published.json()["state"] == "published"
    late = post(client, f"{API}/{plan['id']}/results",
                {"target_id": targets[0], "outcome": "closed"}, editor)  # fmt: skip
    assert late.status_code == 409
    public_view = client.get(f"{API}/{plan['id']}").json()
    assert {t["outcome_label"] for t in public_view["targets"]} == {"未发现问题"}
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"spotcheck.plan", "spotcheck.draw", "spotcheck.result", "spotcheck.publish",
            "spotcheck.add_target", "spotcheck.add_inspector",
            "spotcheck.import_targets"} <= actions  # fmt: skip


def test_other_agencies_readers_and_bad_input(client, check):
    market, env_editor, viewer = check["market"], check["env_editor"], check["viewer"]
    lib = f"{API}/libraries/{market.pk}"
    body = {"agency_id": market.pk, "title": "抽查", "check_item_id": check["item"].pk,
            "ratio": "10"}  # fmt: skip
    assert post(client, API, body, env_editor).status_code == 404  # not their agency
    assert post(client, API, body, viewer).status_code == 403  # reads, does not act
    assert upload(client, f"{lib}/nothing/import", sheet(TARGET_HEADER, []), check["editor"]).status_code == 404  # fmt: skip
    text = SimpleUploadedFile("a.xlsx", b"not a workbook")
    refused = upload(client, f"{lib}/targets/import", text, check["editor"])
    assert refused.status_code == 422 and "与文件内容" in refused.json()["errors"]["file"][0]
    both = post(client, API, body | {"count": 2}, check["editor"])
    assert both.status_code == 422 and "二者填一项" in both.json()["errors"]["__all__"][0]
    assert not SpotCheckPlan.objects.exists()
    anonymous = client.post(API, body, content_type="application/json")
    assert anonymous.status_code == 401


@pytest.mark.django_db(transaction=True)
def test_a_large_library_file_is_a_background_job(client, check, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SPOTCHECK_IMPORT_SYNC_ROWS = 10
    from sunshine.kernel.jobs.testing import run_worker_batch

    lib = f"{API}/libraries/{check['market'].pk}"
    answer = upload(client, f"{lib}/targets/import", sheet(TARGET_HEADER, target_rows(25)),
                    check["editor"])  # fmt: skip
    assert answer.status_code == 202
    job = answer.json()
    assert job["state"] == "queued" and job["url"] == f"/workbench/jobs/{job['job_id']}/"
    assert run_worker_batch() == 1
    assert CheckTarget.objects.filter(is_active=True).count() == 25
