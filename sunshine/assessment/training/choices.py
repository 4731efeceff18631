"""The lists and limits of 政务公开培训 that pages and API schemas show."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

# 在 3 年内将全省政务公开工作人员轮训一遍 (粤府办〔2016〕 notice, rules.md §12).
COVERAGE_YEARS = 3
TITLE_MAX = 200
PROVIDER_MAX = 100
TOPIC_MAX = 100
PLACE_MAX = 200
CERTIFICATE_MAX = 60
MAX_HOURS = Decimal("200")  # a course's hours (学时)
IMPORT_MAX_BYTES = 2 * 1024 * 1024
IMPORT_MAX_ROWS = 5000
# Imports of at most this many rows run inside the request (their FileJob ends at once).
IMPORT_SYNC_ROWS = 500


class AttendanceStatus(models.TextChoices):
    ATTENDED = "attended", _("参训")
    ABSENT = "absent", _("缺席")


# What the CSV's 状态 column may say for each status (spaces and case ignored).
STATUS_WORDS = {
    "": AttendanceStatus.ATTENDED,
    "参训": AttendanceStatus.ATTENDED,
    "出席": AttendanceStatus.ATTENDED,
    "已参训": AttendanceStatus.ATTENDED,
    "attended": AttendanceStatus.ATTENDED,
    "缺席": AttendanceStatus.ABSENT,
    "未参训": AttendanceStatus.ABSENT,
    "absent": AttendanceStatus.ABSENT,
}

# The CSV's columns: (field, header, required). Headers in Chinese or English.
CSV_COLUMNS = (
    ("email", ("邮箱", "电子邮箱", "email"), True),
    ("name", ("姓名", "name"), False),
    ("status", ("状态", "status"), False),
    ("hours", ("学时", "hours"), False),
    ("certificate", ("证书编号", "certificate"), False),
)
