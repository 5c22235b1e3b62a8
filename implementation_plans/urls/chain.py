"""URLs of the implementation plan: the chain area."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
