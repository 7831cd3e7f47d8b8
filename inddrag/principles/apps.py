from django.apps import AppConfig


class PrinciplesConfig(AppConfig):
    name = "inddrag.principles"
    label = "principles"

    def ready(self) -> None:
        from inddrag.lib import page_cache
        from inddrag.principles.models import PolicyValue, PrincipleText

        # The principles' texts and values are shown and checked on every process page.
        for model in (PrincipleText, PolicyValue):
            page_cache.watch(model, site=True)
