from django.urls import path

from . import views

urlpatterns = [
    path("hdjl/ly/", views.message_list, name="messages_list"),
    path("hdjl/ly/write/", views.message_write, name="messages_write"),
    path("hdjl/ly/suggest/", views.message_suggest, name="messages_suggest"),
    path("hdjl/ly/mine/", views.my_messages, name="messages_mine"),
    path("hdjl/ly/mine/<int:pk>/rate/", views.message_rate, name="messages_rate"),
    path("hdjl/ly/<int:pk>/", views.message_detail, name="messages_detail"),
]
