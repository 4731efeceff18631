"""What messages offer kernel/ratings (好差评 of the reply) and kernel/duban (督办), listed in
the feature manifest."""

from django.urls import NoReverseMatch, reverse

from sunshine.kernel.duban.registry import Supervisable

MAX_ROUNDS = 9


def _staff_url(message) -> str:
    try:
        return reverse("workbench:messages_detail", args=[message.pk])
    except NoReverseMatch:
        return ""


def _author_url(message) -> str:
    try:
        return reverse("portal:messages_mine") + f"#m{message.pk}"
    except NoReverseMatch:
        return ""


def _finished_at(message):
    from .workflow import MessageState

    if message.state in (MessageState.REPLIED, MessageState.CLOSED):
        return message.replied_at
    return None


def _pending(cutoff):
    from .models import Message
    from .workflow import MessageState

    return Message.objects.filter(
        state=MessageState.REPLIED, replied_at__lte=cutoff, author__isnull=False
    )


def _on_bad_rating(rating) -> None:
    from .services import on_bad_rating

    on_bad_rating(rating)


def rateable():
    """The 好差评 kind of a reply (default rating after the settings' auto-close days)."""
    from sunshine.kernel.ratings.registry import Rateable

    from .services import auto_close_days

    return Rateable(
        kind="message",
        model="citizen_messages.Message",
        rater=lambda m: m.author,
        agency=lambda m: m.agency,
        finished_at=_finished_at,
        title=lambda m: m.subject,
        url=_author_url,
        default_after_days=auto_close_days(),
        pending=_pending,
        on_bad_rating=_on_bad_rating,
        # one rating per reply round: "" for the first reply, "reopen-N" after N reopenings
        steps=tuple(f"reopen-{n}" for n in range(1, MAX_ROUNDS + 1)),
        step_finished_at=lambda m, step: _finished_at(m),
        label="网民留言",
    )


SUPERVISABLE = Supervisable(
    kind="message",
    model="citizen_messages.Message",
    title=lambda m: m.subject,
    url=_staff_url,
    agency=lambda m: m.agency,
    label="网民留言",
)
