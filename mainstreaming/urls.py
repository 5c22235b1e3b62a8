"""The project's URLs: accounts, the language switcher, admin, and the core under /processes/<id>/."""

from django.contrib import admin
from django.urls import include, path

from mainstreaming import views

process_patterns = [
    path("", views.ProcessDashboardView.as_view(), name="process_dashboard"),
    path("history/", views.ProcessHistoryView.as_view(), name="process_history"),
    path("phases/<slug:phase>/", views.PhaseDetailView.as_view(), name="phase_detail"),
    path("phases/<slug:phase>/update/", views.PhaseUpdateView.as_view(), name="phase_update"),
    path("phases/<slug:phase>/history/", views.PhaseHistoryView.as_view(), name="phase_history"),
    path("institutions/", views.InstitutionListView.as_view(), name="institution_list"),
    path("institutions/new/", views.InstitutionCreateView.as_view(), name="institution_create"),
    path("institutions/<int:pk>/", views.InstitutionDetailView.as_view(), name="institution_detail"),
    path("institutions/<int:pk>/edit/", views.InstitutionEditView.as_view(), name="institution_edit"),
    path("institutions/<int:pk>/history/", views.InstitutionHistoryView.as_view(), name="institution_history"),
    path("people/", views.MembershipListView.as_view(), name="membership_list"),
    path("people/invite/", views.MembershipInviteView.as_view(), name="membership_invite"),
    path("people/<int:pk>/", views.MembershipDetailView.as_view(), name="membership_detail"),
    path("people/<int:pk>/edit/", views.MembershipEditView.as_view(), name="membership_edit"),
    path("people/<int:pk>/end/", views.MembershipEndView.as_view(), name="membership_end"),
    path("people/<int:pk>/history/", views.MembershipHistoryView.as_view(), name="membership_history"),
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path("reports/new/", views.ReportRequestView.as_view(), name="report_request"),
    path("reports/<uuid:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<uuid:pk>/status/", views.ReportStatusView.as_view(), name="report_status"),
    path("reports/<uuid:pk>/download/", views.ReportDownloadView.as_view(), name="report_download"),
    path("reports/<uuid:pk>/publish/", views.ReportPublishView.as_view(), name="report_publish"),
    path("reports/<uuid:pk>/unpublish/", views.ReportUnpublishView.as_view(), name="report_unpublish"),
    path("reports/<uuid:pk>/history/", views.ReportHistoryView.as_view(), name="report_history"),
    path("documents/<uuid:pk>/", views.DocumentDownloadView.as_view(), name="document_download"),
    path("comments/<int:content_type_id>/<str:object_id>/", views.CommentCreateView.as_view(), name="comment_create"),
]

core_patterns = (
    [
        path("", views.ProcessListView.as_view(), name="process_list"),
        path("processes/<int:process_pk>/", include(process_patterns)),
    ],
    "mainstreaming",
)

urlpatterns = [
    path("", include(core_patterns)),
    # Phase apps, each in its own namespace under the process.
    path("processes/<int:process_pk>/", include("stakeholders.urls")),
    path("processes/<int:process_pk>/", include("situation_analysis.urls")),
    path("processes/<int:process_pk>/", include("implementation_plans.urls")),
    path("processes/<int:process_pk>/", include("monitoring.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
