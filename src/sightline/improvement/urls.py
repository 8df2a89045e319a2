from django.urls import path

from sightline.registers.urls import register_urls

from . import views
from .registers import (
    CHALLENGES,
    DISPUTES,
    FINDINGS,
    INSPECTION_RECOMMENDATIONS,
    INSPECTIONS,
    PLAN_ACTIONS,
    PRIORITIES,
    RECOMMENDATIONS,
    RESPONSES,
    REVIEWS,
)

urlpatterns = [
    path("", views.overview, name="improvement"),
    path("loop/<str:model>/<int:pk>/", views.closing_the_loop, name="improvement-loop"),
    path("reviews/<int:pk>/progress/", views.progress_summary, name="improvement-progress"),
    path("agency-actions/<int:pk>/updates/", views.add_progress_update, name="improvement-add-update"),
    path("iro-escalations/by-team/", views.escalations_by_team, name="improvement-escalations-by-team"),
]
for register in [
    PRIORITIES,
    PLAN_ACTIONS,
    CHALLENGES,
    REVIEWS,
    FINDINGS,
    RECOMMENDATIONS,
    RESPONSES,
    INSPECTIONS,
    INSPECTION_RECOMMENDATIONS,
    DISPUTES,
]:
    urlpatterns += register_urls(register)
