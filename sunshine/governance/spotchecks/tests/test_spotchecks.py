import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from sunshine.governance.spotchecks import draw, libraries, selectors, services
from sunshine.governance.spotchecks.models import CheckTarget, Inspector, SpotCheckPlan
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.clock import frozen
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.files.tables import TableImportError
from sunshine.testing.factories.spotchecks import (
    INSPECTOR_HEADER,
    TARGET_HEADER,
    code,
    inspector_rows,
    make_plan,
    sheet,
    target_rows,
)

pytestmark = pytest.mark.django_db


def test_libraries_import_all_or_nothing(gov):
    rows = target_rows(3) + [["91440100XXXXXXXXX1", "", "", "", ""], target_rows(1)[0]]
    with pytest.raises(TableImportError) as exc:
        libraries.import_targets(
            agency=gov["market"], actor=gov["editor"], uploaded_file=sheet(TARGET_HEADER, rows)
        )
    assert {(e.row, e.column) for e in exc.value.row_errors} == {
        (5, "统一社会信用代码"),
        (5, "名称"),
        (6, "统一社会信用代码"),  # the same code as row 2
    }
    assert CheckTarget.objects.count() == 0
    bad = inspector_rows({2: ["不是代码"]})
    with pytest.raises(TableImportError) as exc:
        libraries.import_inspectors(
            agency=gov["market"], actor=gov["editor"], uploaded_file=sheet(INSPECTOR_HEADER, bad)
        )
    assert [(e.row, e.column) for e in exc.value.row_errors] == [(3, "申报回避对象")]
    assert Inspector.objects.count() == 0
    with pytest.raises(PermissionDenied):
        libraries.import_targets(
            agency=gov["market"],
            actor=gov["env_editor"],
            uploaded_file=sheet(TARGET_HEADER, target_rows(3)),
        )


def test_reimport_replaces_the_library(gov):
    first = libraries.import_targets(
        agency=gov["market"],
        actor=gov["editor"],
        uploaded_file=sheet(TARGET_HEADER, target_rows(4)),
    )
    assert first.added == 4
    rows = target_rows(4)[1:]
    rows[0][4] = "稽查局"
    again = libraries.import_targets(
        agency=gov["market"], actor=gov["editor"], uploaded_file=sheet(TARGET_HEADER, rows)
    )
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 1, 2, 1)
    assert CheckTarget.objects.filter(is_active=True).count() == 3


def test_plan_needs_an_inspection_item_of_the_agency(check):
    with pytest.raises(ValidationError) as exc:
        make_plan(check, check_item_id=None, ratio=None, count=None, inspectors_per_target=9)
    assert {"check_item_id", "__all__", "inspectors_per_target"} <= set(exc.value.message_dict)
    licence = check["item"].__class__.objects.create(
        agency=check["market"], code="QL-1", kind="licensing",
        created_at=check["item"].created_at, updated_at=check["item"].updated_at,
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        make_plan(check, check_item_id=licence.pk)
    assert "行政检查事项" in exc.value.message_dict["check_item_id"][0]
    with pytest.raises(PermissionDenied):
        make_plan(check, actor=check["env_editor"])


def test_draw_is_reproducible_and_keeps_the_avoidance_rules(check):
    plan = services.draw_plan(actor=check["editor"], plan=make_plan(check))
    assert plan.state == "drawn" and len(plan.assignments) == 3  # ceil(12 × 25 %)
    targets = {t.pk: t for t in CheckTarget.objects.all()}
    inspectors = {i.pk: i for i in Inspector.objects.all()}
    for row in plan.assignments:
        target = targets[row["target"]]
        assert len(row["inspectors"]) == 2
        for inspector_id in row["inspectors"]:
            inspector = inspectors[inspector_id]
            assert inspector.unit != target.unit  # never their own unit's target
            assert target.code not in inspector.conflicts  # never a declared conflict
    # The same inputs and number give the same result, from the stored inputs alone.
    again = draw.compute_from_inputs(plan.inputs, plan.announced_number)
    assert again["assignments"] == plan.assignments and again["seed_hex"] == plan.seed_hex
    # Another number gives another seed.
    other = draw.compute_from_inputs(plan.inputs, "20260925")
    assert other["seed_hex"] != plan.seed_hex
    event = AuditEvent.objects.get(action="spotcheck.draw")
    assert event.data["seed_hex"] == plan.seed_hex
    with pytest.raises(ValidationError):
        services.draw_plan(actor=check["editor"], plan=plan)


def test_declared_conflict_and_own_unit_exclude_an_inspector():
    # Target 1 of unit A: inspector 1 is of unit A, inspector 2 declared a conflict, so only
    # inspector 3 may check it.
    targets = [[1, "C1", "A"]]
    inspectors = [[1, "B1", "A", []], [2, "B2", "B", ["C1"]], [3, "B3", "B", []]]
    assert draw.eligible(targets[0], inspectors) == [3]
    result = draw.compute(targets, inspectors, count=1, per_target=1, announced_number="7")
    assert result["assignments"] == [{"target": 1, "inspectors": [3]}]
    with pytest.raises(draw.DrawImpossible):
        draw.compute(targets, inspectors, count=1, per_target=2, announced_number="7")


def test_impossible_draw_is_refused_with_the_target_named(check):
    plan = make_plan(check, ratio=None, count=12, inspectors_per_target=5)
    with pytest.raises(ValidationError) as exc:
        services.draw_plan(actor=check["editor"], plan=plan)
    assert "无法抽取" in exc.value.messages[0]
    plan.refresh_from_db()
    assert plan.state == "draft" and not plan.assignments


def test_verify_command_ok_then_mismatch(check):
    plan = make_plan(check)
    out = io.StringIO()
    call_command("spotcheck_draw", str(plan.pk), stdout=out)
    plan.refresh_from_db()
    assert plan.state == "drawn" and AuditEvent.objects.get(action="spotcheck.draw").actor is None
    out = io.StringIO()
    call_command("spotcheck_draw", str(plan.pk), "--verify", stdout=out)
    assert out.getvalue().strip().endswith("OK")
    # Someone changes a stored inspector: the verification fails and says MISMATCH.
    first = plan.assignments[0]
    spare = next(i.pk for i in Inspector.objects.all() if i.pk not in first["inspectors"])
    tampered = [dict(first, inspectors=sorted([first["inspectors"][0], spare]))] + plan.assignments[
        1:
    ]
    SpotCheckPlan.objects.filter(pk=plan.pk).update(assignments=tampered)
    out = io.StringIO()
    with pytest.raises(CommandError, match="MISMATCH"):
        call_command("spotcheck_draw", str(plan.pk), "--verify", stdout=out)
    assert "MISMATCH" in out.getvalue() and "assignments" in out.getvalue()


def test_verify_mismatch_exit_status_is_one(check):
    """A changed seed: manage.py exits with CommandError's status 1 (Django prints the message
    and exits with `returncode`)."""
    plan = services.draw_plan(actor=check["editor"], plan=make_plan(check))
    SpotCheckPlan.objects.filter(pk=plan.pk).update(seed_hex="0" * 64)
    out = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("spotcheck_draw", str(plan.pk), "--verify", stdout=out)
    assert exc.value.returncode == 1 and "MISMATCH" in str(exc.value)
    assert "seed_hex" in out.getvalue()


def test_results_clock_is_20_working_days_and_stops_on_publication(check):
    plan = make_plan(check)
    # Drawn Thursday 2026-09-24. Counting from the next day: 25–27 Sep 中秋 (off), 28–30 Sep
    # wd 1–3, 1–7 Oct 国庆 (off), 8–9 Oct wd 4–5, Sat 10 Oct 调休 workday wd 6, 12–16 Oct wd
    # 7–11, 19–23 Oct wd 12–16, 26–29 Oct wd 17–20: due Thursday 2026-10-29.
    with frozen(dt.datetime(2026, 9, 24, 10, 0)):
        plan = services.draw_plan(actor=check["editor"], plan=plan)
    running = open_clock(plan, "spotcheck.publish_results")
    assert running.due_date == dt.date(2026, 10, 29)
    with frozen(dt.datetime(2026, 10, 12, 10, 0)):
        rows = selectors.drawn_rows(plan, with_results=True)
        services.enter_result(
            actor=check["editor"], plan=plan, target_id=rows[0]["target"].pk, outcome="no_problem"
        )
        with pytest.raises(ValidationError) as exc:
            services.enter_result(
                actor=check["editor"], plan=plan, target_id=rows[1]["target"].pk,
                outcome="corrected",
            )  # fmt: skip
        assert "处理情况" in exc.value.message_dict["note"][0]
        with pytest.raises(ValidationError) as exc:
            services.publish_results(actor=check["editor"], plan=plan)
        assert "还有 2 户" in exc.value.messages[0]
        for row in rows[1:]:
            services.enter_result(
                actor=check["editor"], plan=plan, target_id=row["target"].pk,
                outcome="corrected", note="责令限期改正进货查验记录",
            )  # fmt: skip
        with pytest.raises(ValidationError):
            services.enter_result(
                actor=check["editor"], plan=plan, target_id=999999, outcome="no_problem"
            )
        plan = services.publish_results(actor=check["editor"], plan=plan)
    assert plan.state == "published"
    assert open_clock(plan, "spotcheck.publish_results") is None
    running.refresh_from_db()
    assert running.state == "stopped"


def test_staff_see_only_their_agency(check):
    plan = make_plan(check)
    assert selectors.plan_for_staff(check["viewer"], plan.pk) == plan
    assert selectors.plan_for_staff(check["env_editor"], plan.pk) is None
    assert selectors.public_plan(plan.pk) is None  # not drawn yet
    plan = services.draw_plan(actor=check["editor"], plan=plan)
    assert selectors.public_plan(plan.pk) is not None
    with pytest.raises(PermissionDenied):
        services.enter_result(
            actor=check["env_editor"], plan=plan, target_id=plan.assignments[0]["target"],
            outcome="no_problem",
        )  # fmt: skip
    assert code(1)  # the helper makes valid codes
