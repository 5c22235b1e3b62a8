"""URLs of the dashboards area: the M&E dashboard and the golden thread behind one indicator value."""

from django.urls import path

from monitoring.views import dashboard as views

urlpatterns = [
    path("me-dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("indicator-values/<int:pk>/golden-thread/", views.GoldenThreadView.as_view(), name="value_thread"),
]
