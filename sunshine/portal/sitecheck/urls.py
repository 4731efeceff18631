from django.urls import path

from . import views

# /jiucuo/ 我为政府网站找错; /wzndbb/ 政府网站工作年度报表.
urlpatterns = [
    path("jiucuo/", views.report_error, name="errorreport"),
    path("jiucuo/thanks/", views.report_thanks, name="errorreport_thanks"),
    path("wzndbb/", views.yearly_reports, name="sitecheck_yearly_list"),
    path("wzndbb/<int:year>/", views.yearly_report, name="sitecheck_yearly_report"),
]
