from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "inddrag.organisation"
    label = "organisation"
