from django.urls import path

from . import views

urlpatterns = [
    path("quality-of-practice/", views.quality_of_practice, name="quality-of-practice"),
    path("quality-of-practice/pdf/", views.queue_pdf, name="quality-of-practice-pdf"),
    path("jobs/<int:pk>/", views.job_detail, name="reports-job"),
    path("jobs/<int:pk>/files/<int:file_pk>/", views.job_file, name="reports-job-file"),
    path("self-evaluation/", views.self_evaluation, name="self-evaluation"),
    path(
        "self-evaluation/<int:year>/<str:area>/<str:question>/",
        views.self_evaluation_answer,
        name="self-evaluation-answer",
    ),
]
