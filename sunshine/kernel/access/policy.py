"""One permission policy for the whole platform (default deny).

`can(user, action, obj)` answers whether a user may do an action to an object; `scope(...)`
filters a queryset by the very same rule. A role is granted on an agency and applies to its
subtree; supervisor and sysadmin grants reach every agency. Modules declare their actions with
`actions` in their feature manifest (kernel/features.py), naming the roles, `PUBLIC` (anyone, signed in or
not) or `OWNER` (the account the object belongs to, via `obj.owner_id`)."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from sunshine.kernel.registry import Registry

PUBLIC = "public"
OWNER = "owner"

_ACTIONS: Registry[frozenset[str]] = Registry("action", max_name=100)


def register_actions(actions: dict[str, Iterable[str]]) -> None:
    for name, roles in actions.items():
        _ACTIONS.add(name, frozenset(str(r) for r in roles))


def unregister_action(name: str) -> None:
    """For tests that declare an action of their own."""
    _ACTIONS.remove(name)


def registered_actions() -> dict[str, frozenset[str]]:
    return dict(_ACTIONS.items())


def _grants(user):
    """The user's grants, fetched once per user object (a request)."""
    cached = getattr(user, "_sunshine_grants", None)
    if cached is None:
        cached = list(user.grants.select_related("agency").only("role", "user_id", "agency__path"))
        user._sunshine_grants = cached
    return cached


def _agency_of(obj):
    if obj is None:
        return None
    return getattr(obj, "agency", None)


def can(user, action: str, obj=None) -> bool:
    from sunshine.kernel.accounts.roles import GLOBAL_ROLES

    allowed = _ACTIONS.find(action)
    if allowed is None:
        return False  # an undeclared action is denied, never guessed
    if PUBLIC in allowed:
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if OWNER in allowed and obj is not None and getattr(obj, "owner_id", None) == user.pk:
        return True
    if not user.is_government_staff:
        return False
    agency = _agency_of(obj)
    for grant in _grants(user):
        if grant.role not in allowed:
            continue
        if grant.role in GLOBAL_ROLES:
            return True
        if agency is not None and agency.path.startswith(grant.agency.path):
            return True
    return False


def require(user, action: str, obj=None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(_("您没有权限执行此操作。"))


def scope(user, action: str, queryset: QuerySet, agency_field: str = "agency") -> QuerySet:
    """The rows of `queryset` the user may `action`, decided in the query itself."""
    from sunshine.kernel.accounts.roles import GLOBAL_ROLES

    allowed = _ACTIONS.find(action) or frozenset()
    if PUBLIC in allowed:
        return queryset
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    condition = Q(pk__in=[])
    if OWNER in allowed and hasattr(queryset.model, "owner"):
        condition |= Q(owner=user)
    if user.is_government_staff:
        subtree = None
        for grant in _grants(user):
            if grant.role not in allowed:
                continue
            if grant.role in GLOBAL_ROLES:
                return queryset
            here = Q(path__startswith=grant.agency.path)
            subtree = here if subtree is None else subtree | here
        if subtree is None:
            pass
        elif agency_field == "":
            condition |= subtree
        else:
            from sunshine.kernel.orgs.models import Agency

            # A subquery over the (small) agency table rather than a join to it on every row:
            # the rows' own agency index then serves the filter (100,000 messages: 2-3x faster).
            subtree_ids = Agency.objects.filter(subtree).values("pk")
            condition |= Q(**{f"{agency_field}__in": subtree_ids})
    return queryset.filter(condition)


def can_anywhere(user, action: str) -> bool:
    """Whether the user may do `action` on at least one agency (for menus and buttons). Decided
    from the user's grants alone: a grant's own agency is always in its subtree, so no query."""
    allowed = _ACTIONS.find(action) or frozenset()
    if PUBLIC in allowed:
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not user.is_government_staff:
        return False
    return any(grant.role in allowed for grant in _grants(user))


def agencies_for(user, action: str):
    """The agencies on which the user may do `action` (for choosers and dashboards)."""
    from sunshine.kernel.orgs.models import Agency

    return scope(user, action, Agency.objects.all(), agency_field="")
