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

        from inddrag.contributions.models import (
            Answer,
            Attachment,
            Contribution,
            Flag,
            ProjectEvaluation,
        )
        from inddrag.lib import page_cache

        # The process page and the API: counts, "Det sagde I", the published answers.
        page_cache.watch(Contribution, lambda c: c.process_id)
        page_cache.watch(ProjectEvaluation, lambda e: e.process_id)
        for model in (Answer, Attachment, Flag):
            page_cache.watch(model, lambda o: o.contribution.process_id)
