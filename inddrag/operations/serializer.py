"""The backup's serialization: Django's JSON Lines with times to the microsecond.

Django's JSON encoder cuts times to milliseconds (ECMA-262's format); a backup must give back
the very values it read, so this one writes ``isoformat()`` whole. Reading is Django's own
(``DateTimeField.to_python`` takes microseconds). Registered as the format ``backupjsonl`` by
``operations.backup`` itself (not a setting: nothing else should use it)."""

from __future__ import annotations

import datetime

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self) -> None:
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = jsonl.Deserializer
