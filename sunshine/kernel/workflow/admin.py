from django.contrib import admin

from .models import TransitionLog


@admin.register(TransitionLog)
class TransitionLogAdmin(admin.ModelAdmin):
    """Read-only: the history is written only by workflow.services.transition."""

    list_display = ("at", "workflow", "object_id", "transition", "from_state", "to_state", "actor")
    list_filter = ("workflow", "transition")
    search_fields = ("object_id", "comment")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
