from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "inddrag.api"
    label = "api"

    def ready(self) -> None:
        from inddrag.lib import page_cache
        from inddrag.processes.caching import next_change, process_id

        # The reads (GET only: the contributions' URL also takes the POST, never cached).
        page_cache.cacheable("api-v1:list_processes", until=next_change)
        for view_name in ("api-v1:get_process", "api-v1:submit_contribution"):
            page_cache.cacheable(view_name, process=process_id, until=next_change)
