from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "inddrag.analysis"
    label = "analysis"
    verbose_name = _("Analysis of contributions")

    def ready(self) -> None:
        from inddrag.analysis.sections import register_sections

        register_sections()
