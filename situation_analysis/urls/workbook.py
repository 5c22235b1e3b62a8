"""URLs of the situation analysis: workbook."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
