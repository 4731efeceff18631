from django.urls import reverse


def consultation_url(consultation) -> str:
    return reverse("portal:consultation_detail", args=[consultation.pk])
