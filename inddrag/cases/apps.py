from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "inddrag.cases"
    label = "cases"
    verbose_name = "Sager"

    def ready(self) -> None:
        from inddrag.cases.checks import register_checks
        from inddrag.cases.sections import register_sections

        register_checks()
        register_sections()
