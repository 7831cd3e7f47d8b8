from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "inddrag.notifications"
    label = "notifications"
