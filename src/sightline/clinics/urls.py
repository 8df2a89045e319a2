from django.urls import path

from . import views

urlpatterns = [
    path("", views.schedule, name="clinics"),
    path("schedule/", views.schedule_month, name="clinics-schedule"),
    path("<int:pk>/", views.clinic_detail, name="clinic"),
]
