from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sunshine.participation.messages.classifier import (
    LABELLED_FILE,
    MODEL_DIR,
    default_data_dir,
    train,
)


class Command(BaseCommand):
    help = "训练网民留言一级分类模型（taidi2020/labelled_dev.csv），写入 model/ 目录。"

    def add_arguments(self, parser):
        parser.add_argument("--data", type=Path, default=None, help="taidi2020 数据目录")
        parser.add_argument("--out", type=Path, default=MODEL_DIR, help="模型输出目录")
        parser.add_argument("--limit", type=int, default=None, help="只用前 N 条（测试用）")

    def handle(self, *args, data=None, out=MODEL_DIR, limit=None, **options):
        data_dir = data or default_data_dir()
        if not (data_dir / LABELLED_FILE).exists():
            raise CommandError(_("找不到训练数据：%(path)s") % {"path": data_dir / LABELLED_FILE})
        result = train(data_dir, out_dir=out, limit=limit)
        self.stdout.write(
            _(
                "macro-F1（留出 %(held)d 条）= %(f1).4f；训练 %(train)d 条；模型 %(mb).2f MB；用时 %(s).1f 秒"
            )
            % {
                "held": result.n_held,
                "f1": result.macro_f1,
                "train": result.n_train,
                "mb": result.model_bytes / 1e6,
                "s": result.seconds,
            }
        )
