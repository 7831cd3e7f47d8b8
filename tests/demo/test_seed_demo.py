"""seed_demo: idempotent, and its processes pass (or, for the draft, fail) the checks."""

from __future__ import annotations

import difflib
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inddrag.accounts.models import User
from inddrag.cases.models import (
    CaseDecision,
    CaseFile,
    CaseHearing,
    CaseMeeting,
    CaseMessage,
    MeetingKind,
)
from inddrag.cases.services import has_evaluated
from inddrag.contributions.models import Answer, Contribution, Flag
from inddrag.contributions.services import recount
from inddrag.documents.models import Change, DocumentVersion
from inddrag.memos.models import Memo
from inddrag.principles.checks import blockers, run_checks
from inddrag.principles.plan import load_plans
from inddrag.processes.models import Decision, Process


def _counts() -> dict[str, int]:
    models = [
        model
        for label in (
            "organisation",
            "accounts",
            "processes",
            "contributions",
            "documents",
            "memos",
            "evaluation",
        )
        for model in apps.get_app_config(label).get_models()
    ]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["participants"] = Process.participants.through.objects.count()
    counts["districts"] = Process.districts.through.objects.count()
    counts["change_contributions"] = Change.contributions.through.objects.count()
    return counts


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_passes_the_checks() -> None:
    output = _seed()
    first = _counts()
    _seed()
    assert _counts() == first
    assert first["Process"] >= 7
    # The second run deleted and made the contributions again: the counters kept up.
    assert recount(fix=False) == []
    assert (
        sum(Process.objects.values_list("contributions_received", flat=True))
        == first["Contribution"]
    )
    assert "planlaegger / inddrag-demo" in output

    processes = load_plans()
    drafts = [p for p in processes if p.status == Process.Status.DRAFT]
    assert drafts
    for process in processes:
        problems = blockers(run_checks(process))
        if process.status == Process.Status.DRAFT:
            assert problems, process.title
        else:
            assert not problems, (process.title, [p.message for p in problems])

    statuses = {p.status for p in processes if not p.is_case}
    assert statuses == set(Process.Status.values)


@pytest.mark.django_db
def test_the_case_never_shows_publicly() -> None:
    _seed()
    case = Process.objects.get(kind=Process.Kind.CASE, title="Hjælpemidler til badeværelset")
    assert case.status == Process.Status.OPEN
    assert not Process.objects.public().filter(kind=Process.Kind.CASE).exists()
    assert set(case.participants.values_list("username", flat=True)) >= {"borger"}
    assert case.responsible.username == "sagsbehandler"
    # A message thread: one input answered, one waiting for an answer (a second run is the same).
    _seed()
    case = Process.objects.get(kind=Process.Kind.CASE, title="Hjælpemidler til badeværelset")
    inputs = CaseMessage.objects.filter(case__process=case, is_input=True)
    assert inputs.count() == 2 and sum(m.unanswered for m in inputs) == 1
    # One booked home visit, with the citizen's needs (once, also after a second run).
    meeting = CaseMeeting.objects.get(case__process=case)
    assert meeting.status == CaseMeeting.Status.BOOKED and meeting.kind == MeetingKind.HOME_VISIT
    assert meeting.has_needs and meeting.slots.filter(chosen=True).count() == 1
    assert meeting.slots.get(chosen=True).starts_at > timezone.now()


@pytest.mark.django_db
def test_demo_logins_keep_their_password_on_a_second_run() -> None:
    _seed()
    planner = User.objects.get(username="planlaegger")
    planner.set_password("changed-by-the-user")
    planner.save()
    _seed()
    planner.refresh_from_db()
    assert planner.check_password("changed-by-the-user")
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="borger").role == User.Role.CITIZEN


@pytest.mark.django_db
def test_the_decided_processes_show_the_way_from_input_to_decision() -> None:
    _seed()
    for title in (
        "Trafiksikkerhedsplan 2026-2030",
        "Lokalplan 118 for ny daginstitution i Måløv Nord",
    ):
        process = Process.objects.get(title=title)
        assert process.status in (Process.Status.DECIDED, Process.Status.CLOSED)
        labels = set(
            DocumentVersion.objects.filter(document__process=process, published=True).values_list(
                "label", flat=True
            )
        )
        assert labels == {"hearing", "final"}, title
        decision = Decision.objects.get(process=process)
        assert decision.final_version.label == "final" and decision.final_version.published
        assert decision.meeting_date <= process.milestones.order_by("-meeting_date")[0].meeting_date
        changes = Change.objects.filter(to_version=decision.final_version)
        assert changes.count() >= 3
        assert all(c.explanation and c.excerpt for c in changes)
        linked = Contribution.objects.filter(changes__in=changes).distinct()
        assert linked.count() >= 2
        assert all(c.answer.published_at for c in linked)
        # Answered on the day of the decision, not on the day the demo was seeded.
        answers = Answer.objects.filter(contribution__process=process)
        assert answers.exists()
        assert all(
            timezone.localdate(a.published_at) == decision.meeting_date and not a.preliminary
            for a in answers
        )
        assert Contribution.objects.filter(process=process).exclude(topic=None).exists()
        # The memo the committee read is published: on the page and in the API.
        memo = Memo.objects.get(process=process)
        assert memo.status == Memo.Status.DONE and memo.published_at
        assert memo.published_at.date() < decision.meeting_date
        client = Client()
        page = client.get(process.get_absolute_url()).content.decode()
        assert reverse("memos:pdf", args=[process.pk]) in page
        assert client.get(reverse("memos:pdf", args=[process.pk])).status_code == 200
        api = client.get(f"/api/v1/processes/{process.pk}").json()
        assert api["memo"]["pdf"].endswith(reverse("memos:pdf", args=[process.pk]))
    lokalplan = Process.objects.get(title="Lokalplan 123 for boliger ved Ballerup Station")
    hearing = DocumentVersion.objects.get(document__process=lokalplan)
    assert hearing.label == "hearing" and hearing.published
    commented = Contribution.objects.filter(version=hearing).exclude(block_id="")
    assert commented.count() == 2
    assert all(hearing.block(c.block_id) for c in commented)


@pytest.mark.django_db
def test_the_invited_stakeholders_personal_links_work() -> None:
    from inddrag.stakeholders.models import HearingListEntry
    from inddrag.stakeholders.services import entry_for_token, invitation_token

    _seed()
    invited = list(HearingListEntry.objects.filter(invited_at__isnull=False))
    assert invited
    assert all(entry_for_token(invitation_token(entry)) == entry for entry in invited)


@pytest.mark.django_db
def test_the_demo_evaluations_fill_the_report_with_some_groups_under_the_threshold() -> None:
    _seed()
    client = Client()
    client.force_login(User.objects.get(username="centerchef"))
    page = client.get(reverse("staff:cases:evaluation_report")).content.decode()
    assert "Hjælpemidler (serviceloven § 112)" in page
    assert "Færre end 5 svar for hver sagstype og måned" in page  # the børnefaglige
    assert "1 kommentar er holdt tilbage" in page  # the one with a phone number
    assert "22 33 44 55" not in page


@pytest.mark.django_db
def test_the_demo_project_evaluations_one_project_over_the_threshold_one_under() -> None:
    from inddrag.contributions.models import ProjectEvaluation
    from inddrag.stakeholders.breadth import min_group

    _seed()
    counts = sorted(
        ProjectEvaluation.objects.values("process", "month")
        .annotate(n=models.Count("pk"))
        .values_list("n", flat=True)
    )
    assert len(counts) == 2
    assert counts[0] < min_group() <= counts[1]
    _seed()  # made again, not added to
    assert ProjectEvaluation.objects.count() == sum(counts)


@pytest.mark.django_db
def test_the_demo_holds_cases_at_every_stage() -> None:
    """New, meeting booked, partshøring open, decided with its evaluation — once each, also
    after a second run; all the caseworker's."""
    _seed()
    _seed()
    cases = {
        c.process.title: c
        for c in CaseFile.objects.select_related("process", "citizen", "process__responsible")
    }
    assert len(cases) == 4
    assert {c.process.responsible.username for c in cases.values()} == {"sagsbehandler"}
    new = cases["Bredere døre til kørestol"]
    assert not new.steps.filter(done_on__isnull=False).exclude(kind="contact").exists()
    assert not CaseHearing.objects.filter(case=new).exists()
    booked = cases["Hjælpemidler til badeværelset"]
    assert booked.meetings.filter(status=CaseMeeting.Status.BOOKED).count() == 1
    hearing = CaseHearing.objects.get(case=cases["Trappelift og fjernelse af dørtrin"])
    assert hearing.is_open(timezone.now()) and not hearing.answered
    assert cases["Trappelift og fjernelse af dørtrin"].citizen.username == "borger"
    decided = cases["Rollator og toiletforhøjer"]
    assert decided.process.status == Process.Status.DECIDED
    assert CaseDecision.objects.get(case=decided).inputs.count() == 1
    assert has_evaluated(decided)


@pytest.mark.django_db
def test_the_demo_has_a_finished_round_and_an_open_one_with_one_missing() -> None:
    """The previous half: published, two committees' assessments, with projects behind its
    figures; the current half: every committee and centre management, all recorded but one."""
    from inddrag.evaluation.models import Assessment, EvaluationRound

    _seed()
    _seed()
    finished, current = EvaluationRound.objects.order_by("pk")
    assert finished.published_at is not None
    assert finished.assessments.count() == 2
    assert not finished.assessments.exclude(status=Assessment.Status.RECORDED).exists()
    assert finished.figures["projects"] >= 2  # not an empty round
    assert current.published_at is None
    missing = current.assessments.exclude(status=Assessment.Status.RECORDED)
    assert missing.count() == 1
    assert missing.get().centre.name == "Center for Social og Sundhed"
    assert missing.get().texts.count() == 2
    page = Client().get(reverse("evaluation:round", args=[finished.pk])).content.decode()
    assert "Teknik- og Miljøudvalget" in page and "Cykelstiplan" not in page
    assert Client().get(reverse("evaluation:round", args=[current.pk])).status_code == 404


def _near(form: str, text: str) -> float:
    """How much of the form letter's wording a text shares (1.0: the same), spaces ignored."""
    return difflib.SequenceMatcher(None, form, " ".join(text.split()), autojunk=False).ratio()


@pytest.mark.django_db
def test_the_open_lokalplan_hearing_has_enough_for_the_analysis_with_a_campaign() -> None:
    """~300 responses, mostly unanswered and waiting for review; a campaign of near-identical
    copies that are not all the same; letters sent twice; and no e-mail outside ``example``."""
    from inddrag.demo.lokalplan123 import TREES

    _seed()
    process = Process.objects.get(title="Lokalplan 123 for boliger ved Ballerup Station")
    rows = list(Contribution.objects.filter(process=process).order_by("pk"))
    assert len(rows) >= 250
    assert process.contributions_received == len(rows)

    form = " ".join(variants[0] for paragraph in TREES.paragraphs for variants in paragraph)
    copies = [c.text for c in rows if _near(form, c.text) >= 0.6]
    assert len(copies) >= 50
    assert len(set(copies)) >= 0.9 * len(copies)  # each signer's copy differs a little
    # The letters that turn the campaign's wording around are not near enough to be copies.
    turned = [c.text for c in rows if "IKKE indsigelse" in c.text]
    assert turned and not set(turned) & set(copies)
    # Someone sent the same letter twice: the very same text under the same name.
    sent = Counter((c.name, c.text) for c in rows)
    assert sum(1 for n in sent.values() if n == 2) >= 2

    # An open hearing: the answered ones are the demo's first few; most wait for review.
    answered = Answer.objects.filter(contribution__process=process).count()
    assert 0 < answered <= 6
    pending = [c for c in rows if c.publication == Contribution.Publication.PENDING]
    published = [c for c in rows if c.publication == Contribution.Publication.PUBLISHED]
    assert len(pending) > len(rows) / 2 and len(published) >= 20
    # Screening has found a phone number and an address or two that staff have not seen.
    open_flags = Flag.objects.filter(contribution__process=process, resolution=Flag.Resolution.OPEN)
    assert {"phone", "address"} <= set(open_flags.values_list("kind", flat=True))
    # Received over the hearing so far, more of them in its second half.
    hearing = process.contribution_activities()[-1]
    assert all(hearing.starts_at <= c.received_at <= timezone.now() for c in rows)
    middle = hearing.starts_at + (timezone.now() - hearing.starts_at) / 2
    assert sum(c.received_at >= middle for c in rows) > len(rows) / 2
    # The breadth page has more than one district, age band and kind of sender to show.
    assert len({c.district_id for c in rows}) >= 3 and len({c.age_band for c in rows}) >= 5
    assert len({c.speaking_as for c in rows}) >= 4

    emails = Contribution.objects.exclude(email="").values_list("email", flat=True)
    domains = {e.rsplit("@", 1)[1] for e in emails}
    assert all(
        d in ("example.com", "example.net", "example.org") or d.endswith(".example")
        for d in domains
    ), domains

    _seed()  # the same letters again, not more
    assert sorted(
        Contribution.objects.filter(process=process).values_list("text", flat=True)
    ) == sorted(c.text for c in rows)
