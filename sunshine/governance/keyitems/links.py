"""Staff and public addresses of key items, by URL name (the shells' packages define them; a
domain never imports a shell)."""

from django.urls import NoReverseMatch, reverse


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def staff_item_url(item) -> str:
    return _url("workbench:keyitems_detail", item.pk)


def staff_question_url(question) -> str:
    return _url("workbench:keyitems_question", question.pk)


def public_item_url(item) -> str:
    return _url("portal:keyitems_detail", item.pk)
