from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from sightline.web import auth_views as sign_in
from sightline.web import dashboard, inequality_views, returns_views, views

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("sign-in/", sign_in.SignInView.as_view(), name="sign-in"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("indicators/", dashboard.indicator_list, name="indicators"),
    path("indicators/<str:indicator_id>/", dashboard.indicator, name="indicator"),
    path("children/", views.caseload, name="caseload"),
    path("children/<int:pk>/", views.child_detail, name="child"),
    path("teams/", views.teams, name="teams"),
    path("teams/<int:pk>/", views.team_detail, name="team"),
    path("demand/", views.demand, name="demand"),
    path("inequality/", inequality_views.inequality_page, name="inequality"),
    path("access-log/", views.access_log, name="access-log"),
    path("settings/", dashboard.settings_page, name="settings"),
    path("returns/", returns_views.returns_page, name="returns"),
    path("returns/import/", returns_views.queue_import, name="returns-import"),
    path("returns/ssd-database/", returns_views.queue_ssd_database, name="returns-ssd-database"),
    path("returns/validate/", returns_views.queue_validation, name="returns-validate"),
    path("returns/export/", returns_views.queue_export, name="returns-export"),
    path("returns/jobs/<int:pk>/", returns_views.job_detail, name="returns-job"),
    path("returns/jobs/<int:pk>/files/<int:file_pk>/", returns_views.job_file, name="returns-job-file"),
    path("audits/", include("sightline.audits.urls")),
    path("improvement/", include("sightline.improvement.urls")),
    path("clinics/", include("sightline.clinics.urls")),
    path("feedback/", include("sightline.feedback.urls")),
    path("workforce/", include("sightline.workforce.urls")),
    path("reports/", include("sightline.reports.urls")),
    # GOV.UK Frontend's stylesheet asks for its fonts and images under /assets/.
    re_path(r"^assets/(?P<path>.+)$", RedirectView.as_view(url=static("govuk/assets/") + "%(path)s")),
    path("admin/", admin.site.urls),
]
