from django.urls import path

from visits import views

urlpatterns = [
    path("api/health", views.health),
    path("api/visits", views.visits),
    path("api/media/<str:name>", views.media),
]
