from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "inddrag.contributions"
    label = "contributions"

    def ready(self) -> None:
        from inddrag.contributions.sections import register_sections
        from inddrag.contributions.services import EVALUATION_LINK, PRIVATE_LINK
        from inddrag.notifications.services import register_private_link

        register_private_link(EVALUATION_LINK, "/bidrag/evaluering/…/")
        register_private_link(PRIVATE_LINK, "/bidrag/…/")
        register_sections()
