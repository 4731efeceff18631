"""`manage.py issue_api_token EMAIL NAME`: issue a staff API token and print its key once.

Only the key's hash is stored; whoever runs this must hand the printed key to the system that
will use it (header `Authorization: Bearer <key>`)."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sunshine.kernel.accounts.models import User
from sunshine.kernel.accounts.services import issue_api_token


class Command(BaseCommand):
    help = "签发工作人员接口令牌（只显示一次）。Issue a staff API token; the key is shown once."

    def add_arguments(self, parser):
        parser.add_argument("email", help="工作人员的电子邮箱")
        parser.add_argument("name", help="令牌用途，如“统计报表系统”")

    def handle(self, *args, email, name, **options):
        user = User.objects.filter(email=email.strip().lower()).first()
        if user is None or not user.is_active:
            raise CommandError(f"没有该电子邮箱的有效账号：{email}")
        if not name.strip():
            raise CommandError("请填写令牌用途（NAME）。")
        try:
            with transaction.atomic():  # the token and its audit row together
                token, key = issue_api_token(actor=user, name=name.strip())
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        self.stderr.write(
            f"已为 {user.email} 签发令牌“{token.name}”（前缀 {token.prefix}）。"
            "密钥只显示这一次，请妥善保存："
        )
        self.stdout.write(key)
