import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.orgs.codes import mask_id_number, mask_mobile

from .roles import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, kind=User.Kind.STAFF)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone with an account: department staff, citizens (公民) and enterprises (法人)."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("工作人员")
        CITIZEN = "citizen", _("自然人")
        ENTERPRISE = "enterprise", _("法人或其他组织")

    email = models.EmailField(_("电子邮箱"), unique=True)
    kind = models.CharField(
        _("用户类型"), max_length=12, choices=Kind.choices, default=Kind.CITIZEN
    )
    display_name = models.CharField(_("姓名"), max_length=60, blank=True)
    agency = models.ForeignKey(
        "orgs.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("所属机关"),
    )
    mobile = models.CharField(_("手机号码"), max_length=11, blank=True)
    id_number = models.CharField(_("居民身份证号码"), max_length=18, blank=True)
    enterprise_name = models.CharField(_("单位名称"), max_length=100, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)  # may open Django admin
    date_joined = models.DateTimeField(auto_now_add=True)

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.display_name or self.email

    @property
    def is_government_staff(self) -> bool:
        return self.kind == self.Kind.STAFF

    @property
    def audit_label(self) -> str:
        # Staff are named in the audit log; the public only by number (the log is immutable,
        # and a citizen may later ask to be forgotten).
        return self.email if self.is_government_staff else f"{self.kind}#{self.pk}"

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.mobile)


class RoleGrant(models.Model):
    """A role held by a staff user on an agency (and, by the access rule, its subtree)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="grants", verbose_name=_("机关")
    )
    role = models.CharField(_("角色"), max_length=24, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="uniq_grant")
        ]
        verbose_name = _("角色授权")

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} @ {self.agency}"


class LoginThrottle(models.Model):
    """Failed sign-ins per key: one (account, client) pair or one client (throttle.py); in the
    database so that every app server sees the same count."""

    key = models.CharField(max_length=200, unique=True)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)


class LoginUnlock(models.Model):
    """An e-mailed sign-in unlock link (登录解锁链接): lets the account's owner sign in despite
    throttling, once, before it expires. Only the SHA-256 of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_unlocks")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"], name="accounts_unlock_user_created")]

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A staff API token. Only its SHA-256 is stored; the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "ss_" + secrets.token_urlsafe(32)
