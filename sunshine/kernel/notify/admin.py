from django.contrib import admin

from .models import Delivery, Subscription


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "address", "subject", "status", "attempts"]
    list_filter = ["status", "channel"]
    search_fields = ["address", "subject"]
    readonly_fields = [f.name for f in Delivery._meta.fields]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["topic", "channel", "user", "email", "enabled", "confirmed", "created_at"]
    list_filter = ["channel", "enabled", "confirmed"]
    search_fields = ["topic", "email"]
    exclude = ["confirm_token", "unsubscribe_token"]
