from django.urls import path

from . import views

urlpatterns = [
    path("", views.board_index, name="clockboard_index"),
    path("board.csv", views.board_csv, name="clockboard_csv"),
    path("clocks/", views.clock_drill, name="clockboard_clocks"),
]
