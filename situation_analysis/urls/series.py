"""
URLs of the situation analysis: migration-profile data series and the data gaps. The names are a contract:
DataSeries.get_absolute_url uses series_detail (process_pk, pk), and the phase's pages link series_list and
data_gap_list.
"""

from django.urls import path

from situation_analysis.views import series as views

urlpatterns = [
    path("series/", views.SeriesListView.as_view(), name="series_list"),
    path("series/new/", views.SeriesCreateView.as_view(), name="series_create"),
    path("series/import/", views.SeriesFileImportView.as_view(), name="series_file_import"),
    path("series/<int:pk>/", views.SeriesDetailView.as_view(), name="series_detail"),
    path("series/<int:pk>/edit/", views.SeriesEditView.as_view(), name="series_edit"),
    path("series/<int:pk>/delete/", views.SeriesDeleteView.as_view(), name="series_delete"),
    path("series/<int:pk>/history/", views.SeriesHistoryView.as_view(), name="series_history"),
    path("series/<int:pk>/import/", views.ObservationImportView.as_view(), name="series_import"),
    path("series/<int:pk>/import/columns.csv", views.ImportTemplateView.as_view(), name="series_import_template"),
    path("series/<int:pk>/values/new/", views.ObservationCreateView.as_view(), name="observation_create"),
    path(
        "series/<int:pk>/values/<int:observation_pk>/edit/",
        views.ObservationEditView.as_view(),
        name="observation_edit",
    ),
    path(
        "series/<int:pk>/values/<int:observation_pk>/delete/",
        views.ObservationDeleteView.as_view(),
        name="observation_delete",
    ),
    path("data-gaps/", views.DataGapListView.as_view(), name="data_gap_list"),
]
