"""URLs of the reporting workflow: reporting periods, and the progress reports of each institution within them."""

from django.urls import path

from monitoring.views import reporting as views

urlpatterns = [
    path("periods/", views.PeriodListView.as_view(), name="period_list"),
    path("periods/new/", views.PeriodOpenView.as_view(), name="period_open"),
    path("periods/<int:pk>/", views.PeriodDetailView.as_view(), name="period_detail"),
    path("periods/<int:pk>/edit/", views.PeriodEditView.as_view(), name="period_edit"),
    path("periods/<int:pk>/lock/", views.PeriodLockView.as_view(), name="period_lock"),
    path("periods/<int:pk>/unlock/", views.PeriodUnlockView.as_view(), name="period_unlock"),
    path("periods/<int:pk>/history/", views.PeriodHistoryView.as_view(), name="period_history"),
    path("progress-reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("progress-reports/<int:pk>/edit/", views.ReportEditView.as_view(), name="report_edit"),
    path("progress-reports/<int:pk>/submit/", views.ReportSubmitView.as_view(), name="report_submit"),
    path("progress-reports/<int:pk>/review/", views.ReportReviewView.as_view(), name="report_review"),
    path(
        "progress-reports/<int:pk>/indicators/<int:indicator_pk>/correct/",
        views.ValueCorrectView.as_view(),
        name="value_correct",
    ),
    path("progress-reports/<int:pk>/history/", views.ReportHistoryView.as_view(), name="report_history"),
]
