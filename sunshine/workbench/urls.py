from django.urls import include, path

from . import user_views, views

app_name = "workbench"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("users/", user_views.user_list, name="users"),
    path("users/new/", user_views.user_create, name="user_create"),
    path("users/<int:pk>/", user_views.user_detail, name="user_detail"),
    path("users/<int:pk>/active/", user_views.user_set_active, name="user_set_active"),
    path(
        "users/<int:pk>/grants/<int:grant_pk>/revoke/",
        user_views.grant_revoke,
        name="grant_revoke",
    ),
    # 信息公开 staff pages, one package per feature (names stay in the "workbench" namespace).
    path("records/", include("sunshine.workbench.records.urls")),
    path("interpretations/", include("sunshine.workbench.interpretations.urls")),
    path("catalog/", include("sunshine.workbench.catalog.urls")),
    path("gazette/", include("sunshine.workbench.gazette.urls")),
    # 互动回应 and 办事服务 staff pages.
    path("consultations/", include("sunshine.workbench.consultations.urls")),
    path("meetings/", include("sunshine.workbench.meetings.urls")),
    path("messages/", include("sunshine.workbench.messages.urls")),
    path("messagetopics/", include("sunshine.workbench.messagetopics.urls")),
    path("opinion/", include("sunshine.workbench.opinion.urls")),
    path("briefings/", include("sunshine.workbench.briefings.urls")),
    path("ratings/", include("sunshine.workbench.ratings.urls")),
    path("oversight/", include("sunshine.workbench.duban.urls")),
    path("services/", include("sunshine.workbench.servicehall.urls")),
    path("supervision/", include("sunshine.workbench.supervision.urls")),
    path("foi/", include("sunshine.workbench.foi.urls")),
    path("foi/", include("sunshine.workbench.releases.urls")),  # 提供的信息 (部分公开)
    path("answers/", include("sunshine.workbench.answers.urls")),
    path("annualreport/", include("sunshine.workbench.annualreport.urls")),  # 信息公开年报
    path("decisions/", include("sunshine.workbench.decisions.urls")),  # 重大行政决策
    # 决策与监督 staff pages.
    path("powers/", include("sunshine.workbench.powers.urls")),
    path("spotchecks/", include("sunshine.workbench.spotchecks.urls")),
    path("keyitems/", include("sunshine.workbench.keyitems.urls")),  # 重要职权事项
    path("opendata/", include("sunshine.workbench.opendata.urls")),  # 数据开放
    path("accountability/", include("sunshine.workbench.accountability.urls")),  # 问责
    path("crossreview/", include("sunshine.workbench.crossreview.urls")),  # 交叉互评
    path("enforcement/", include("sunshine.workbench.enforcement.urls")),
    path("trading/", include("sunshine.workbench.trading.urls")),  # 公共资源交易
    path("scores/", include("sunshine.workbench.scores.urls")),  # 政务公开考核
    path("sitecheck/", include("sunshine.workbench.sitecheck.urls")),  # 网站自查, 网站纠错
    path("training/", include("sunshine.workbench.training.urls")),  # 政务公开培训
    path("workplans/", include("sunshine.workbench.workplans.urls")),  # 工作计划
    path("clockboard/", include("sunshine.workbench.clockboard.urls")),  # 期限看板
    path("sites/", include("sunshine.workbench.sites.urls")),  # 网站集群: sites, columns, 推送
    # Background imports and exports of any feature (kernel FileJob): progress, then result.
    path("jobs/", include("sunshine.workbench.filejobs.urls")),
    path("notify/", include("sunshine.workbench.notify.urls")),  # 订阅与推送
    path("search/", include("sunshine.workbench.search.urls")),  # 检索同义词
]
