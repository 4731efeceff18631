from django.urls import path

from . import views

urlpatterns = [
    path("ysqgk/", views.agency_list, name="foi_agencies"),
    path("ysqgk/my/", views.my_requests, name="foi_my_list"),
    path("ysqgk/my/<int:pk>/", views.my_detail, name="foi_my_detail"),
    path("ysqgk/my/<int:pk>/letter.<str:kind>", views.my_letter, name="foi_my_letter"),
    path("ysqgk/my/<int:pk>/receipt/", views.receipt, name="foi_receipt"),
    path("ysqgk/my/<int:pk>/receipt.pdf", views.receipt_pdf, name="foi_receipt_pdf"),
    path("ysqgk/<int:agency_id>/", views.guide, name="foi_guide"),
    path("ysqgk/<int:agency_id>/apply/", views.apply, name="foi_apply"),
]
