from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "inddrag.documents"
    label = "documents"
