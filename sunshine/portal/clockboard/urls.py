from django.urls import path

from . import views

urlpatterns = [
    path("qxkb/", views.board_page, name="clockboard"),
    path("qxkb/board.csv", views.board_csv, name="clockboard_csv"),
    path("qxkb/<int:agency_id>/", views.board_page, name="clockboard_agency"),
    path("qxkb/<int:agency_id>/board.csv", views.board_csv, name="clockboard_agency_csv"),
]
