from django.contrib import admin

from .models import PeriodicRun, WorkerHeartbeat


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["worker_id", "kind", "host", "pid", "started_at", "last_seen", "stopped_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in WorkerHeartbeat._meta.fields]


@admin.register(PeriodicRun)
class PeriodicRunAdmin(admin.ModelAdmin):
    list_display = ["name", "cron", "last_enqueued_at", "last_result_id"]
    readonly_fields = [f.name for f in PeriodicRun._meta.fields]
