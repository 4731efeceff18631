import io
import json

import pytest
from django.core.management import CommandError, call_command

from sunshine.kernel.workcalendar.models import CalendarYear

pytestmark = pytest.mark.django_db


def run(*args) -> list[str]:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().splitlines()


def test_workdays_add():
    # verified by hand from data/2026.json: 10-01..07 off, Saturday 10-10 a make-up day
    assert run("workdays", "add", "2026-09-30", "5") == ["2026-10-13"]


def test_workdays_between():
    assert run("workdays", "between", "2026-09-30", "2026-10-14") == ["6"]


def test_provisional_answers_say_so():
    # 12-31 Thu (1), 2027-01-01 Fri 元旦 (statutory: off), 01-04 Mon (2), 01-05 Tue (3)
    lines = run("workdays", "add", "2026-12-30", "3")
    assert lines[0] == "2027-01-05"
    assert lines[1].startswith("provisional: 2027")
    assert "法定节假日" in lines[1] and "调休" in lines[1]
    # late December of a loaded year: 12-29 Tue (1), 12-30 Wed (2), answered from 2026 data
    # but the 2027 notice may still set these days
    lines = run("workdays", "add", "2026-12-28", "2")
    assert lines[0] == "2026-12-30"
    assert lines[1].startswith("provisional: 2027")
    assert run("workdays", "add", "2026-12-24", "2") == ["2026-12-28"]


@pytest.mark.parametrize(
    "args, message",
    [
        (("workdays", "add", "2026-13-01", "5"), "无效"),
        (("workdays", "add", "2006-12-01", "5"), "2007-01-01"),
        (("workdays", "between", "2006-12-01", "2026-01-01"), "2007-01-01"),
        (("workdays", "add", "2026-09-30", "-1"), "负数"),
    ],
)
def test_bad_input_fails_with_a_clear_message(args, message):
    with pytest.raises(CommandError) as exc:
        run(*args)
    assert message in str(exc.value)


def test_import_calendar_command(tmp_path, province):
    good = tmp_path / "2027.json"
    good.write_text(
        json.dumps(
            {
                "year": 2027,
                "papers": [],
                "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": True}],
            }
        ),
        encoding="utf-8",
    )
    assert "2027" in run("import_calendar", str(good))[0]
    assert CalendarYear.objects.get(year=2027).loaded is True
    assert run("workdays", "add", "2026-12-31", "1") == ["2027-01-04"]  # no provisional line

    bad = tmp_path / "bad.json"
    bad.write_text('{"year": 2028, "papers": [], "days": [{"date": "2028-01-01"}]}')
    with pytest.raises(CommandError):
        run("import_calendar", str(bad))
    with pytest.raises(CommandError):
        run("import_calendar", str(tmp_path / "missing.json"))
