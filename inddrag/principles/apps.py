from django.apps import AppConfig


class PrinciplesConfig(AppConfig):
    name = "inddrag.principles"
    label = "principles"
