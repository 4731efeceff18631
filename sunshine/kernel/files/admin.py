from django.contrib import admin

from .models import Attachment, FileJob


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    """Read-only: attachments are written through services (checked and audited)."""

    list_display = ["original_name", "kind", "size", "extraction_status", "uploaded_at"]
    list_filter = ["kind", "extraction_status"]
    search_fields = ["original_name", "sha256"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FileJob)
class FileJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are started and advanced by their module's services and tasks."""

    list_display = ["title", "kind", "state", "done", "total", "created_by", "created_at"]
    list_filter = ["kind", "state"]
    search_fields = ["title", "source_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
