"""Read-only admin views: records change only through services.py (workflow, audit, clock)."""

from django.contrib import admin

from .models import DisclosureRecord, IndexCounter, RecordVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordVersionInline(admin.TabularInline):
    model = RecordVersion
    fields = ("number", "title", "change_note", "created_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DisclosureRecord)
class DisclosureRecordAdmin(ReadOnlyAdmin):
    list_display = (
        "index_number",
        "doc_number",
        "title",
        "agency",
        "disclosure_mode",
        "state",
        "validity",
        "date_published",
    )
    list_filter = ("state", "disclosure_mode", "validity", "topic", "kind", "normative")
    search_fields = ("title", "doc_number", "index_number")
    list_select_related = ("agency",)
    date_hierarchy = "date_written"
    inlines = [RecordVersionInline]


@admin.register(RecordVersion)
class RecordVersionAdmin(ReadOnlyAdmin):
    list_display = ("record", "number", "title", "created_by", "created_at")
    list_select_related = ("record", "created_by")


@admin.register(IndexCounter)
class IndexCounterAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "last_serial")
    list_select_related = ("agency",)
