from django.urls import include, path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("column/<slug:slug>/", views.column, name="column"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accessibility/elder/", views.elder_mode, name="elder"),
    path("wzdt/", views.site_map, name="sitemap_page_html"),  # 网站地图 (the page; XML: sitemap)
    path("yszc/", views.privacy, name="privacy"),  # 隐私声明
    # 信息公开 pages, one package per feature (names stay in the "portal" namespace).
    path("", include("sunshine.portal.records.urls")),
    path("", include("sunshine.portal.interpretations.urls")),
    path("", include("sunshine.portal.catalog.urls")),
    path("", include("sunshine.portal.gazette.urls")),
    path("", include("sunshine.portal.search.urls")),
    # 互动回应 and 办事服务 pages.
    path("", include("sunshine.portal.consultations.urls")),
    path("", include("sunshine.portal.meetings.urls")),
    path("", include("sunshine.portal.messages.urls")),
    path("", include("sunshine.portal.messagetopics.urls")),
    path("", include("sunshine.portal.opinion.urls")),
    path("", include("sunshine.portal.briefings.urls")),
    path("", include("sunshine.portal.ratings.urls")),
    path("", include("sunshine.portal.servicehall.urls")),
    path("", include("sunshine.portal.answers.urls")),
    path("", include("sunshine.portal.foi.urls")),
    path("", include("sunshine.portal.releases.urls")),
    path("", include("sunshine.portal.decisions.urls")),  # 重大行政决策
    # 决策与监督 pages.
    path("", include("sunshine.portal.powers.urls")),
    path("", include("sunshine.portal.spotchecks.urls")),
    path("", include("sunshine.portal.accountability.urls")),  # 问责通报
    path("", include("sunshine.portal.keyitems.urls")),  # 重要职权事项
    path("", include("sunshine.portal.opendata.urls")),  # 数据开放
    path("", include("sunshine.portal.enforcement.urls")),  # 行政执法公示
    path("", include("sunshine.portal.trading.urls")),  # 公共资源交易
    path("", include("sunshine.portal.sitecheck.urls")),  # 我为政府网站找错, 年度报表
    path("", include("sunshine.portal.clockboard.urls")),  # 期限看板
    path("", include("sunshine.portal.mine.urls")),  # 我的 (/wode/), 订阅 (/dingyue/)
]
