"""benchmarks/page_cache.py: the production settings with one extra URL, a bare view."""

from inddrag.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.page_cache_urls"
