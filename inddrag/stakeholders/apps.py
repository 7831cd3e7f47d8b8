from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    name = "inddrag.stakeholders"
    label = "stakeholders"
