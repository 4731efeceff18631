from django.urls import path

from . import views

urlpatterns = [
    path("zyzq/", views.item_list, name="keyitems_list"),
    path("zyzq/dezj/", views.spending_summary, name="keyitems_spending"),
    path("zyzq/<int:pk>/", views.item_detail, name="keyitems_detail"),
    path("zyzq/<int:pk>/jd/", views.supervise, name="keyitems_supervise"),
]
