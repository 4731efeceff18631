"""One way for an API endpoint to perform a staff act: `StaffLookup`.

Refusals need no code in the routers: a service's ValidationError is answered 422 with its
field errors and a PermissionDenied 403 with its reason, by the handlers errors.py installs
once on the API (the workbench's counterpart is sunshine.workbench.actions.run_action). What
every staff router repeated was the lookup around the act: find the object in the caller's
scope or answer 404 with a message, run the service, and read the object again (so the response
shows the new state and fresh annotations). That is `StaffLookup`:

    _staff = StaffLookup(
        selectors.briefing_for_staff, gettext_lazy("该发布会不存在，或不在您的权限范围内。")
    )

    @router.get(...)
    def detail(request, briefing_id: int):
        return _staff(request, briefing_id)

    @router.post(...)
    def mark_held(request, briefing_id: int):
        return _staff.act(
            request, briefing_id, lambda item: services.record_held(actor=request.auth, briefing=item)
        )
"""

from .errors import NotFound


class StaffLookup:
    """`lookup(user, pk)` is a scoped selector (None when the user may not see the object);
    `missing` the 404 message (lazy: it is read in the request's language)."""

    def __init__(self, lookup, missing):
        self.lookup = lookup
        self.missing = missing

    def __call__(self, request, pk):
        found = self.lookup(request.auth, pk)
        if found is None:
            raise NotFound(str(self.missing))
        return found

    def act(self, request, pk, perform):
        """Run `perform(obj)` (a service call) on the object, then return it read again."""
        perform(self(request, pk))
        return self(request, pk)
