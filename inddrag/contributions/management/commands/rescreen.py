"""Store the hearing memo's screened texts anew where they are missing or stale.

Run it after a change of the screening rules (``screened.RULES_VERSION``) or of the watch list
(``INDDRAG_SCREENING_WORDS``), and after loading rows around the models' ``save`` (a restore,
``bulk_create``). Nothing is unsafe before it has run: the memo screens a stale text on the fly,
only more slowly."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from inddrag.contributions import screened
from inddrag.contributions.models import Answer, Contribution


class Command(BaseCommand):
    help = (
        "Screen the texts the hearing memo shows (summaries, excerpts, names, answers' reasons) "
        "anew where the stored result is missing or was made from another text or other rules."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--process", type=int, help="Only this process's contributions.")

    def handle(self, *args, process: int | None = None, **options) -> None:
        contributions = Contribution.objects.all()
        answers = Answer.objects.all()
        if process is not None:
            contributions = contributions.filter(process_id=process)
            answers = answers.filter(contribution__process_id=process)
        n = screened.rescreen(contributions, screened.CONTRIBUTION_FIELDS)
        m = screened.rescreen(answers, screened.ANSWER_FIELDS)
        self.stdout.write(f"Screened anew: {n} contributions, {m} answers.")
