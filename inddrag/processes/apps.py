from django.apps import AppConfig


class ProcessesConfig(AppConfig):
    name = "inddrag.processes"
    label = "processes"

    def ready(self) -> None:
        from inddrag.processes import caching
        from inddrag.processes.sections import register_sections

        register_sections()
        caching.register()
