from django.urls import path

from . import feed, views

urlpatterns = [
    path("gb/", views.gazette_index, name="gazette_index"),
    path("gb/feed.atom", feed.gazette_feed, name="gazette_feed"),
    path("gb/article/<int:pk>/", views.gazette_article, name="gazette_article"),
    path("gb/<int:year>/", views.gazette_index, name="gazette_year"),
    path("gb/<int:year>/<int:number>/", views.gazette_issue, name="gazette_issue"),
    path("gb/<int:year>/<int:number>/pdf/", views.gazette_pdf, name="gazette_pdf"),
]
