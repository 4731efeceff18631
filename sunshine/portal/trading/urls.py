from django.urls import path

from . import views

urlpatterns = [
    path("ggzy/", views.project_list, name="trading_list"),
    path("ggzy/feed.atom", views.feed, name="trading_feed"),
    path("ggzy/hmd/", views.blacklist, name="trading_blacklist"),
    path("ggzy/my/", views.my_complaints, name="trading_my_complaints"),
    path("ggzy/my/<int:pk>/", views.my_complaint, name="trading_my_complaint"),
    path("ggzy/my/<int:pk>/withdraw/", views.withdraw_complaint, name="trading_withdraw"),
    path("ggzy/my/<int:pk>/correction/", views.submit_correction, name="trading_correction"),
    path("ggzy/my/<int:pk>/files/<int:file_pk>/", views.correction_file, name="trading_my_file"),
    path("ggzy/<int:pk>/", views.project_detail, name="trading_detail"),
    path("ggzy/<int:pk>/complaint/", views.complaint_new, name="trading_complaint"),
]
