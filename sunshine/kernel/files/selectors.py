"""Reads of attachments. Visibility is the owner's business: a public page shows the
attachments of an object it may show."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .models import Attachment


def attachments_for(owner: Model) -> QuerySet[Attachment]:
    """The owner's attachments in their order."""
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk
    ).order_by("position", "pk")


def attachment_text(owner: Model) -> str:
    """The extracted text of all the owner's attachments, for the search index."""
    texts = attachments_for(owner).filter(extraction_status=Attachment.Extraction.DONE)
    return "\n\n".join(t for t in texts.values_list("text", flat=True) if t)
