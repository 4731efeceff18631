"""The 公开答复库 feature (条例 Art. 44): see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature
from sunshine.kernel.search.registry import DocType

from . import permissions
from .indexing import DOC_TYPE, reindex_documents

FEATURE = Feature(
    name="answers",
    label=_("公开答复"),
    actions=permissions.ANSWER_ACTIONS,
    search_types=(DocType(DOC_TYPE, _("公开答复"), reindex=reindex_documents),),
    surfaces=("answers",),
    api=(("/foi/answers", "foi_answers"),),
    demo="sunshine.demo.answers_data",
)
