"""URLs of the consultation area, mounted under /processes/<process_pk>/ in the stakeholders namespace."""

from django.urls import path

from stakeholders.views import consultation as views

urlpatterns = [
    # Awareness-raising and consultation events
    path("events/", views.EventListView.as_view(), name="event_list"),
    path("events/new/", views.EventCreateView.as_view(), name="event_create"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("events/<int:pk>/edit/", views.EventEditView.as_view(), name="event_edit"),
    path("events/<int:pk>/history/", views.EventHistoryView.as_view(), name="event_history"),
    path("events/<int:pk>/participation/", views.EventParticipationView.as_view(), name="event_participation"),
    path("events/<int:pk>/documents/new/", views.EventDocumentUploadView.as_view(), name="event_document_upload"),
    # Capacity development
    path("capacity/", views.CapacityOverviewView.as_view(), name="capacity_overview"),
    path("capacity/needs/new/", views.CapacityNeedCreateView.as_view(), name="capacity_need_create"),
    path("capacity/needs/<int:pk>/edit/", views.CapacityNeedEditView.as_view(), name="capacity_need_edit"),
    path("capacity/needs/<int:pk>/history/", views.CapacityNeedHistoryView.as_view(), name="capacity_need_history"),
    path("capacity/activities/new/", views.CapacityActivityCreateView.as_view(), name="capacity_activity_create"),
    path("capacity/activities/<int:pk>/", views.CapacityActivityDetailView.as_view(), name="capacity_activity_detail"),
    path("capacity/activities/<int:pk>/edit/", views.CapacityActivityEditView.as_view(), name="capacity_activity_edit"),
    path(
        "capacity/activities/<int:pk>/history/",
        views.CapacityActivityHistoryView.as_view(),
        name="capacity_activity_history",
    ),
    # Stakeholder map
    path("map/", views.StakeholderMapView.as_view(), name="stakeholder_map"),
    path("map/<int:institution_pk>/edit/", views.StakeholderProfileEditView.as_view(), name="stakeholder_profile_edit"),
    path(
        "map/<int:institution_pk>/history/",
        views.StakeholderProfileHistoryView.as_view(),
        name="stakeholder_profile_history",
    ),
]
