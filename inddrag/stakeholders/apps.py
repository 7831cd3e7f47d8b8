from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    name = "inddrag.stakeholders"
    label = "stakeholders"

    def ready(self) -> None:
        from inddrag.notifications.services import register_private_link
        from inddrag.stakeholders.sections import register_sections
        from inddrag.stakeholders.services import INVITATION_LINK

        register_private_link(INVITATION_LINK, "/invitation/…/")
        register_sections()
