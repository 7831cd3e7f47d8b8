from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The Ballerup demo data and ``manage.py seed_demo``. Nothing in the product imports it."""

    name = "inddrag.demo"
    label = "demo"
