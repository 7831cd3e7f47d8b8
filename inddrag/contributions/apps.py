from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "inddrag.contributions"
    label = "contributions"
