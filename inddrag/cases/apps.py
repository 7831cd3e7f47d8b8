from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "inddrag.cases"
    label = "cases"
    verbose_name = "Sager"

    def ready(self) -> None:
        from inddrag.cases.checks import register_checks
        from inddrag.cases.sections import register_sections
        from inddrag.cases.services import case_viewers
        from inddrag.processes.access import register_case_viewers

        register_checks()
        register_sections()
        # A relative with an active grant and an added professional may see the case.
        register_case_viewers(case_viewers)
