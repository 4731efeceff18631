"""Demo of 政务公开培训: three courses, a year of sessions (province-wide online, on site at
广东省交通运输厅 and 广东省教育厅), every demo officer of 广东省交通运输厅 trained, and
广东省教育厅 with two of its three staff never trained (flagged on the coverage page). A second
run adds nothing."""

import datetime as dt

from sunshine.kernel import clock

COURSES = (
    ("政府信息公开条例解读", "中共广东省委党校", "依申请公开", "6"),
    ("政策解读与回应关切", "省政府办公厅政务公开办", "政策解读", "3"),
    ("政府网站与政务新媒体管理", "省政务服务数据管理局", "政府网站", "2"),
)
EDUCATION = "广东省教育厅"
EDU_STAFF = (
    ("edu.officer@demo.gd.gov.cn", "何公开", ["disclosure_officer"]),
    ("edu.staff1@demo.gd.gov.cn", "吴科员", ["drafter"]),
    ("edu.staff2@demo.gd.gov.cn", "郑科员", ["drafter"]),
)


def load(*, stdout=None) -> None:
    from sunshine.assessment.training.models import Course
    from sunshine.kernel.accounts.models import User
    from sunshine.kernel.orgs.models import Agency

    from .kernel_data import ensure_staff

    supervisor = User.objects.filter(email="supervisor@demo.gd.gov.cn").first()
    agencies = {
        a.name: a
        for a in Agency.objects.filter(
            name__in=[EDUCATION, "广东省交通运输厅", "广东省人民政府办公厅"]
        )
    }
    if supervisor is None or len(agencies) < 3:
        return
    edu = [ensure_staff(e, n, agencies[EDUCATION], roles) for e, n, roles in EDU_STAFF]
    if not Course.objects.filter(title=COURSES[0][0]).exists():
        _build(supervisor, agencies, edu)
    if stdout is not None:
        stdout.write(f"政务公开培训：{Course.objects.count()} 门课程")


def _build(supervisor, agencies, edu) -> None:
    from sunshine.assessment.training import services
    from sunshine.kernel.accounts.models import User

    office, transport, education = (
        agencies["广东省人民政府办公厅"],
        agencies["广东省交通运输厅"],
        agencies[EDUCATION],
    )
    today = clock.today()
    courses = [
        services.create_course(
            actor=supervisor, agency=office, title=t, provider=p, topic=topic, hours=h
        )
        for t, p, topic, h in COURSES
    ]
    sessions = [
        services.create_session(actor=supervisor, course=courses[0], organizer=office,
                                date=today - dt.timedelta(days=330), online=True),
        services.create_session(actor=supervisor, course=courses[1], organizer=office,
                                agency=transport, date=today - dt.timedelta(days=200),
                                place="广东省交通运输厅三楼会议室"),
        services.create_session(actor=supervisor, course=courses[2], organizer=office,
                                date=today - dt.timedelta(days=90), online=True),
        services.create_session(actor=supervisor, course=courses[1], organizer=office,
                                agency=education, date=today - dt.timedelta(days=30),
                                place="广东省教育厅报告厅"),
    ]  # fmt: skip
    transport_staff = User.objects.filter(agency=transport, kind=User.Kind.STAFF, is_active=True)
    for n, person in enumerate(transport_staff.order_by("pk")):
        services.record_attendance(
            actor=supervisor,
            session=sessions[0],
            person=person,
            certificate=f"GDZWGK-{today.year - 1}-{n + 1:03d}",
        )
        services.record_attendance(actor=supervisor, session=sessions[1], person=person)
    services.record_attendance(actor=supervisor, session=sessions[3], person=edu[0], hours="2")
    services.record_attendance(
        actor=supervisor, session=sessions[3], person=edu[1], status="absent"
    )
