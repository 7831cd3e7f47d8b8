from django.apps import AppConfig


class MemosConfig(AppConfig):
    name = "inddrag.memos"
    label = "memos"

    def ready(self) -> None:
        from inddrag.memos.sections import register_sections

        register_sections()

        from inddrag.lib import page_cache
        from inddrag.memos.models import Memo, MemoTopic

        # The memo's downloads on the process page and in the API; its topics.
        for model in (Memo, MemoTopic):
            page_cache.watch(model, lambda o: o.process_id)
