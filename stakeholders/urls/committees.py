"""URLs of the committees area, mounted under /processes/<process_pk>/ in the stakeholders namespace."""

from django.urls import path

from stakeholders.views import committees as views

urlpatterns = [
    path("committees/", views.CommitteeListView.as_view(), name="committee_list"),
    path("committees/new/", views.CommitteeCreateView.as_view(), name="committee_create"),
    path("committees/<int:pk>/", views.CommitteeDetailView.as_view(), name="committee_detail"),
    path("committees/<int:pk>/edit/", views.CommitteeEditView.as_view(), name="committee_edit"),
    path("committees/<int:pk>/history/", views.CommitteeHistoryView.as_view(), name="committee_history"),
    path(
        "committees/<int:pk>/documents/new/",
        views.CommitteeDocumentUploadView.as_view(),
        name="committee_document_upload",
    ),
    path("committees/<int:pk>/members/new/", views.CommitteeMemberCreateView.as_view(), name="committee_member_create"),
    path(
        "committees/<int:pk>/members/<int:member_pk>/edit/",
        views.CommitteeMemberEditView.as_view(),
        name="committee_member_edit",
    ),
    path("committees/<int:pk>/meetings/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path("meetings/<int:pk>/history/", views.MeetingHistoryView.as_view(), name="meeting_history"),
    path("meetings/<int:pk>/attendance/", views.MeetingAttendanceView.as_view(), name="meeting_attendance"),
    path("meetings/<int:pk>/decisions/new/", views.DecisionCreateView.as_view(), name="decision_create"),
    path("meetings/<int:pk>/action-points/new/", views.ActionPointCreateView.as_view(), name="action_point_create"),
    path("meetings/<int:pk>/documents/new/", views.MeetingDocumentUploadView.as_view(), name="meeting_document_upload"),
    path("meetings/<int:pk>/minutes-pdf/", views.MeetingMinutesPdfView.as_view(), name="meeting_minutes_pdf"),
    path("action-points/", views.ActionPointListView.as_view(), name="action_point_list"),
    path("action-points/<int:pk>/", views.ActionPointDetailView.as_view(), name="action_point_detail"),
    path("action-points/<int:pk>/history/", views.ActionPointHistoryView.as_view(), name="action_point_history"),
    path("action-points/<int:pk>/status/", views.ActionPointStatusView.as_view(), name="action_point_status"),
    path("action-points/<int:pk>/edit/", views.ActionPointEditView.as_view(), name="action_point_edit"),
]
