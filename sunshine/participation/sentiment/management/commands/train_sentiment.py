from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sunshine.participation.sentiment.model_io import CORPORA, MODEL_DIR, default_data_dir, train


class Command(BaseCommand):
    help = "训练情感分析模型（sentiment-zh 两个语料），写入 model/ 目录并报告留出集准确率。"

    def add_arguments(self, parser):
        parser.add_argument("--data", type=Path, default=None, help="sentiment-zh 数据目录")
        parser.add_argument("--out", type=Path, default=MODEL_DIR, help="模型输出目录")
        parser.add_argument("--limit", type=int, default=None, help="只用约 N 条（测试用）")

    def handle(self, *args, data=None, out=MODEL_DIR, limit=None, **options):
        data_dir = data or default_data_dir()
        for name in CORPORA:
            if not (data_dir / name).exists():
                raise CommandError(_("找不到训练数据：%(path)s") % {"path": data_dir / name})
        result = train(data_dir, out_dir=out, limit=limit)
        self.stdout.write(
            _(
                "准确率（留出 %(held)d 条）= %(acc).4f，macro-F1 = %(f1).4f；训练 %(train)d 条；"
                "模型 %(mb).2f MB；用时 %(s).1f 秒"
            )
            % {
                "held": result.n_held,
                "acc": result.accuracy,
                "f1": result.macro_f1,
                "train": result.n_train,
                "mb": result.model_bytes / 1e6,
                "s": result.seconds,
            }
        )
        for name, acc in result.per_corpus.items():
            self.stdout.write(f"  {name}: {acc:.4f}")
