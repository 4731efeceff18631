from django.urls import path

from . import views

urlpatterns = [
    path("", views.message_queue, name="messages_queue"),
    path("bulk-assign/", views.message_bulk_assign, name="messages_bulk_assign"),
    path("overdue/", views.message_overdue, name="messages_overdue"),
    path("<int:pk>/", views.message_detail, name="messages_detail"),
    path("<int:pk>/files/<int:attachment_pk>/", views.message_file, name="messages_file"),
    path("<int:pk>/<slug:act>/", views.message_act, name="messages_act"),
]
