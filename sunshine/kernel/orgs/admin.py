from django.contrib import admin

from .models import Agency, Region

admin.site.register(Region)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "org_code", "credit_code", "path")
    search_fields = ("name", "short_name", "credit_code")
