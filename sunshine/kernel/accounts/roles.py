"""Staff roles (岗位角色). A role is granted on one agency and, unless its scope is global,
covers that agency's subtree."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DRAFTER = "drafter", _("起草")
    REVIEWER = "reviewer", _("审核")
    APPROVER = "approver", _("签发")
    DISCLOSURE_OFFICER = "disclosure_officer", _("公开办")
    AGENCY_ADMIN = "agency_admin", _("单位管理员")
    SUPERVISOR = "supervisor", _("督查")
    SYSADMIN = "sysadmin", _("系统管理员")


# Roles whose grant reaches every agency: the general office's supervisors see all deadlines,
# alerts and scores across agencies; the system administrator runs the platform.
GLOBAL_ROLES = frozenset({Role.SUPERVISOR, Role.SYSADMIN})
