from django.urls import path

from . import subscribe, subscriptions, views

urlpatterns = [
    path("wode/", views.overview, name="mine"),
    path("wode/xiaoxi/", views.inbox, name="mine_inbox"),
    path("wode/xiaoxi/<int:pk>/read/", views.mark_read, name="mine_inbox_read"),
    path("wode/xiaoxi/read-all/", views.mark_all_read, name="mine_inbox_read_all"),
    path("wode/subscriptions/", subscriptions.manage, name="mine_subscriptions"),
    path(
        "wode/subscriptions/<int:pk>/",
        subscriptions.change,
        name="mine_subscription_change",
    ),
    path("wode/<slug:key>/", views.section, name="mine_section"),
    path("dingyue/", subscribe.subscribe_page, name="subscribe"),
    path("dingyue/atom.xsl", subscribe.feed_stylesheet, name="feed_stylesheet"),
]
