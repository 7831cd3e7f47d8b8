from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "inddrag.accounts"
    label = "accounts"
