"""The /api/v1/ router. Each app contributes its own routes."""
from django.urls import include, path

urlpatterns: list = []
