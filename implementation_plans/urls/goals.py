"""URLs of the implementation plan: the goals area."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
