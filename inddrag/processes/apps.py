from django.apps import AppConfig


class ProcessesConfig(AppConfig):
    name = "inddrag.processes"
    label = "processes"
