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

        from inddrag.lib import page_cache
        from inddrag.stakeholders.models import (
            HearingDuty,
            HearingListEntry,
            PopulationFigure,
            Stakeholder,
            Topic,
        )

        # The hearing list of a process (page and API); stakeholders' names on every list, the
        # population figures in the breadth check: the site.
        page_cache.watch(HearingListEntry, lambda e: e.process_id)
        page_cache.watch(
            Stakeholder, site=True, m2m=(Stakeholder.districts.through, Stakeholder.topics.through)
        )
        page_cache.watch(Topic, site=True, m2m=(Topic.related.through,))
        page_cache.watch(HearingDuty, site=True, m2m=(HearingDuty.topics.through,))
        page_cache.watch(PopulationFigure, site=True)
