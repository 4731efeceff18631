from django.urls import path

from .. import sitemaps
from . import feed, views

urlpatterns = [
    path("zcwj/", views.record_list, name="records_list"),
    path("zcwj/feed.atom", feed.record_feed, name="records_feed"),
    path("zcwj/<int:pk>/", views.record_detail, name="records_detail"),
    path("zcwj/<int:pk>/files/<int:attachment_pk>/", views.record_file, name="records_file"),
    # Site-wide (sunshine/portal/sitemaps.py); mounted here until the portal has its own.
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<int:number>.xml", sitemaps.sitemap_page, name="sitemap_page"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
]
