from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "inddrag.api"
    label = "api"
