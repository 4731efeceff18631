"""/workbench/inbox/: the site inbox, and the kernel's public subscription links from e-mails
(mounted here so their URLs and the "notify:" names stay as they were)."""

from django.urls import include, path

from . import views

app_name = "notify"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/read/", views.mark_read, name="mark_read"),
    path("read-all/", views.mark_all_read, name="mark_all_read"),
    path("", include("sunshine.kernel.notify.urls")),
]
