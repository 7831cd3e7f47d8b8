from django.apps import AppConfig


class MemosConfig(AppConfig):
    name = "inddrag.memos"
    label = "memos"

    def ready(self) -> None:
        from inddrag.memos.sections import register_sections

        register_sections()
