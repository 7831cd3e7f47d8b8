from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "inddrag.pages"
    label = "pages"
