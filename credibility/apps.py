from django.apps import AppConfig


class CredibilityConfig(AppConfig):
    name = "credibility"
    verbose_name = "Credibility: sources, fact-checks and analysis"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Subscribes analysis to the article-changed signal that annotations/ sends.
        from credibility import receivers  # noqa: F401
