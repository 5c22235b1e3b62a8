"""URLs of the implementation plan: the plan area."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
