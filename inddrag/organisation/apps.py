from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "inddrag.organisation"
    label = "organisation"

    def ready(self) -> None:
        from inddrag.lib import page_cache
        from inddrag.organisation.models import Centre, DecisionBody, District, ElectionPeriod

        # Shown on many pages (a process's centre, districts, the decision's body): the site.
        for model in (Centre, DecisionBody, District, ElectionPeriod):
            page_cache.watch(model, site=True)
