from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "inddrag.documents"
    label = "documents"

    def ready(self) -> None:
        from inddrag.documents.sections import register_sections

        register_sections()

        from inddrag.documents import caching

        caching.register()
