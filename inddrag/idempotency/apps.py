from django.apps import AppConfig


class IdempotencyConfig(AppConfig):
    name = "inddrag.idempotency"
    label = "idempotency"
