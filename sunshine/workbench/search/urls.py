from django.urls import path

from . import views

urlpatterns = [
    path("synonyms/", views.synonym_list, name="search_synonyms"),
    path("synonyms/<int:pk>/", views.synonym_edit, name="search_synonym_edit"),
]
