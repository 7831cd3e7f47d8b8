"""The analysis of the open Lokalplan 123 hearing (issue #15), as a planner would have run it: so
the demo's analysis page has topics, campaigns and paragraph suggestions to show.

Run synchronously (the task's body), after the contributions and the documents are seeded. A run
of ``seed_demo`` again first removes the topics an earlier run suggested: the hearing's
contributions are new rows each time."""

from __future__ import annotations

from inddrag.accounts.models import User
from inddrag.analysis import services
from inddrag.analysis.models import Analysis
from inddrag.demo.contributions import LOKALPLAN_123
from inddrag.memos.models import MemoTopic
from inddrag.processes.models import Process


def seed_analysis() -> Analysis | None:
    process = Process.objects.filter(title=LOKALPLAN_123).first()
    if process is None:
        return None
    MemoTopic.objects.filter(process=process, profile__suggested=True).delete()
    Analysis.objects.filter(process=process).delete()
    planner = User.objects.filter(username="planlaegger").first()
    analysis = Analysis.objects.create(process=process, requested_by=planner)
    services.run(analysis.pk)
    analysis.refresh_from_db()
    return analysis
