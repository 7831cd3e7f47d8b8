"""python manage.py analyse_texts IN.jsonl OUT.jsonl — topics and duplicates for lines of text.

Reads ``{"id", "text"}`` lines and writes ``{"id", "topic", "duplicate_group"}`` lines, one per
input line and in its order (``inddrag.analysis.jsonl``). "-" reads standard input or writes
standard output. Offline: nothing is sent anywhere.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from inddrag.analysis import jsonl


class Command(BaseCommand):
    help = "Groups texts (JSON lines with id and text) by topic and finds duplicates."

    def add_arguments(self, parser):
        parser.add_argument("input", help="IN.jsonl, or - for standard input")
        parser.add_argument("output", help="OUT.jsonl, or - for standard output")

    def handle(self, *args, **options):
        try:
            if options["input"] == "-":
                rows = jsonl.analyse_lines(sys.stdin)
            else:
                with open(options["input"], encoding="utf-8") as source:
                    rows = jsonl.analyse_lines(source)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        if options["output"] == "-":
            self.stdout.write(lines, ending="")
        else:
            try:
                with open(options["output"], "w", encoding="utf-8") as target:
                    target.write(lines)
            except OSError as error:
                raise CommandError(str(error)) from error
