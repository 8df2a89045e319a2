from django.urls import path

from . import analysis_views, programme_views, tool_views, views

urlpatterns = [
    path("", programme_views.hub, name="audits"),
    path("programmes/", programme_views.programmes, name="audit-programmes"),
    path("programmes/<int:pk>/", programme_views.programme_detail, name="audit-programme"),
    path("programmes/<int:pk>/sample/", programme_views.programme_sample, name="audit-programme-sample"),
    path("programmes/<int:pk>/add/", programme_views.programme_add, name="audit-programme-add"),
    path(
        "programmes/<int:pk>/moderation/",
        programme_views.programme_moderation,
        name="audit-programme-moderation",
    ),
    path("overdue/", programme_views.overdue, name="audits-overdue"),
    path("actions/", programme_views.actions, name="audit-actions"),
    path("actions/<int:pk>/close/", views.action_close, name="audit-action-close"),
    path("concerns/<int:pk>/", views.concern_detail, name="audit-concern"),
    path("tools/", tool_views.tools, name="audit-tools"),
    path("tools/<slug:key>/", tool_views.tool_detail, name="audit-tool"),
    path("tools/<slug:key>/edit/", tool_views.tool_edit, name="audit-tool-edit"),
    path("analysis/", analysis_views.analysis, name="audit-analysis"),
    path("agreement/", analysis_views.agreement_page, name="audit-agreement"),
    path("<int:pk>/", views.audit_detail, name="audit"),
    path("<int:pk>/save/", views.audit_save, name="audit-save"),
    path("<int:pk>/finalise/", views.audit_finalise, name="audit-finalise"),
    path("<int:pk>/new-version/", views.audit_new_version, name="audit-new-version"),
    path("<int:pk>/actions/", views.action_add, name="audit-action-add"),
    path("<int:pk>/concern/", views.concern_raise, name="audit-concern-raise"),
    path("<int:pk>/moderate/", views.moderate, name="audit-moderate"),
]
