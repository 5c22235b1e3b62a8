"""URLs of the indicators area: indicators, their targets, the indicator bank and the M&E plan."""

from django.urls import path

from monitoring.views import indicators as views

urlpatterns = [
    path("indicators/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indicators/new/", views.IndicatorCreateView.as_view(), name="indicator_create"),
    path("indicators/<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
    path("indicators/<int:pk>/edit/", views.IndicatorEditView.as_view(), name="indicator_edit"),
    path("indicators/<int:pk>/delete/", views.IndicatorDeleteView.as_view(), name="indicator_delete"),
    path("indicators/<int:pk>/history/", views.IndicatorHistoryView.as_view(), name="indicator_history"),
    path("indicators/<int:pk>/targets/", views.IndicatorTargetsView.as_view(), name="indicator_targets"),
    path(
        "indicators/<int:pk>/targets/history/",
        views.IndicatorTargetHistoryView.as_view(),
        name="indicator_target_history",
    ),
    path("indicator-bank/", views.BankListView.as_view(), name="bank_list"),
    path("indicator-bank/<int:pk>/copy/", views.BankCopyView.as_view(), name="bank_copy"),
    path("me-plan/", views.MEPlanDetailView.as_view(), name="me_plan_detail"),
    path("me-plan/edit/", views.MEPlanEditView.as_view(), name="me_plan_edit"),
    path("me-plan/history/", views.MEPlanHistoryView.as_view(), name="me_plan_history"),
]
