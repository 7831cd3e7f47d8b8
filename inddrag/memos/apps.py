from django.apps import AppConfig


class MemosConfig(AppConfig):
    name = "inddrag.memos"
    label = "memos"
