"""URLs of the setup area, mounted under /processes/<process_pk>/ in the stakeholders namespace."""

from django.urls import path

from stakeholders.views import setup as views

urlpatterns = [
    # The preconditions check and the go or postpone decision
    path("preconditions/", views.PreconditionListView.as_view(), name="precondition_list"),
    path("preconditions/load/", views.PreconditionLoadView.as_view(), name="precondition_load"),
    path("preconditions/new/", views.PreconditionCreateView.as_view(), name="precondition_create"),
    path("preconditions/decide/", views.PreconditionDecideView.as_view(), name="precondition_decide"),
    path("preconditions/<int:pk>/edit/", views.PreconditionEditView.as_view(), name="precondition_edit"),
    path("preconditions/<int:pk>/delete/", views.PreconditionDeleteView.as_view(), name="precondition_delete"),
    path("preconditions/<int:pk>/history/", views.PreconditionHistoryView.as_view(), name="precondition_history"),
    # Focal points: requests and designations
    path("focal-points/", views.FocalPointListView.as_view(), name="focal_point_list"),
    path(
        "focal-points/requests/new/",
        views.FocalPointRequestCreateView.as_view(),
        name="focal_point_request_create",
    ),
    path(
        "focal-points/requests/<int:pk>/",
        views.FocalPointRequestDetailView.as_view(),
        name="focal_point_request_detail",
    ),
    path(
        "focal-points/requests/<int:pk>/cancel/",
        views.FocalPointRequestCancelView.as_view(),
        name="focal_point_request_cancel",
    ),
    path(
        "focal-points/requests/<int:pk>/history/",
        views.FocalPointRequestHistoryView.as_view(),
        name="focal_point_request_history",
    ),
    path("focal-points/designations/new/", views.DesignationCreateView.as_view(), name="designation_create"),
    path("focal-points/designations/<int:pk>/", views.DesignationDetailView.as_view(), name="designation_detail"),
    path("focal-points/designations/<int:pk>/end/", views.DesignationEndView.as_view(), name="designation_end"),
    path(
        "focal-points/designations/<int:pk>/documents/new/",
        views.DesignationDocumentUploadView.as_view(),
        name="designation_document_upload",
    ),
    path(
        "focal-points/designations/<int:pk>/history/",
        views.DesignationHistoryView.as_view(),
        name="designation_history",
    ),
]
