from django.urls import path

from credibility.pages.claims import URL_NAME, claim_review_page

urlpatterns = [
    path("claims/<int:annotation_id>/", claim_review_page, name=URL_NAME),
]
