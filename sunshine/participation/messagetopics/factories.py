"""factory-boy factories of the message groups, for the tests (and the demo)."""

import factory

from sunshine.participation.messagetopics.models import GroupKind, MessageGroup, MessageGroupMember


class MessageGroupFactory(factory.django.DjangoModelFactory):
    """A group of `messages` (each a member of the group's kind); the first is its
    representative unless `representative` is given."""

    class Meta:
        model = MessageGroup

    kind = GroupKind.SAME_TOPIC
    label = "关键词"
    messages = ()
    representative = factory.LazyAttribute(lambda o: o.messages[0] if o.messages else None)

    @classmethod
    def _build(cls, model_class, *args, messages=(), **kwargs):
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, messages=(), **kwargs):
        group = super()._create(model_class, *args, **kwargs)
        MessageGroupMember.objects.bulk_create(
            MessageGroupMember(group=group, message=m, kind=group.kind) for m in messages
        )
        return group
