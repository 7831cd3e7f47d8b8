"""Partshøring, the decision and the citizen's evaluation (issue #11, sections 2 and 5):
forvaltningsloven §§ 19 and 22–25 as rules the code enforces."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from inddrag.cases import services
from inddrag.cases.models import (
    CaseDecision,
    CaseEvaluation,
    CaseEvaluationReceipt,
    CaseHearing,
    HearingException,
)
from inddrag.lib.calendar import local_date
from inddrag.notifications.models import Notification
from inddrag.processes.models import Process
from tests.factories import StaffFactory, UserFactory
from tests.factories.cases import case_type, open_case
from tests.factories.files import pdf_with_text

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
UTC = datetime.UTC


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _case(**kwargs):
    citizen = UserFactory(email="karen@example.com")
    caseworker = StaffFactory()
    kind = case_type(hearing_days=14, hearing_minimum_days=7)
    case = open_case(caseworker=caseworker, citizen=citizen, kind=kind, **kwargs)
    return case, caseworker, citizen


def _send(case, caseworker, deadline, now):
    return services.send_hearing(
        case, draft="Vi vil give afslag.", deadline=deadline, upload=None, by=caseworker, now=now
    )


def _decision(outcome=CaseDecision.Outcome.REFUSED, exception="", reason="", inputs=()):
    return services.CaseDecisionData(
        outcome=outcome,
        reasons="Betingelserne er ikke opfyldt.",
        complaint_guidance="Du kan klage til Ankestyrelsen.",
        inputs=list(inputs),
        exception=exception,
        exception_reason=reason,
    )


MONDAY = datetime.datetime(2027, 1, 4, 10, 0, tzinfo=CPH)


# --- Partshøring ----------------------------------------------------------------------------------


def test_the_hearing_form_defaults_to_the_types_period_and_refuses_less_than_the_minimum():
    case, caseworker, _ = _case()
    client = _client(caseworker)
    url = reverse("staff:cases:hearing", args=[case.process_id])
    today = local_date(timezone.now())

    page = client.get(url)
    assert page.context["form"].initial["deadline"] == today + datetime.timedelta(days=14)

    too_short = today + datetime.timedelta(days=6)
    response = client.post(url, {"draft": "Udkast", "deadline": too_short.isoformat()})
    assert response.status_code == 422
    error = response.context["form"].errors["deadline"][0]
    assert "7" in error  # the minimum is named
    assert not CaseHearing.objects.exists()

    ok = today + datetime.timedelta(days=7)
    upload = SimpleUploadedFile("udkast.pdf", pdf_with_text("Udkast"), "application/pdf")
    response = client.post(url, {"draft": "Udkast", "deadline": ok.isoformat(), "file": upload})
    assert response.status_code == 302
    hearing = CaseHearing.objects.get()
    assert hearing.deadline == ok and hearing.draft_file_type == "application/pdf"
    assert hearing.draft_file.name.startswith("cases/") and "udkast" not in hearing.draft_file.name
    email = Notification.objects.get(kind=Notification.Kind.INVITATION)
    assert email.to == "karen@example.com"
    assert reverse("cases:detail", args=[case.process_id]) in email.body
    assert "Udkast" not in email.body  # a link only, never the content


def test_the_service_refuses_a_deadline_shorter_than_the_minimum():
    case, caseworker, _ = _case()
    with pytest.raises(services.CaseRefused, match="7"):
        _send(case, caseworker, datetime.date(2027, 1, 10), MONDAY)  # six days


@pytest.mark.parametrize(
    ("deadline", "last_in_time", "first_too_late"),
    [
        # Summer time begins Sunday 28 March 2027: 23:59 CEST is 21:59 UTC.
        (datetime.date(2027, 3, 28), (21, 59, 59), (22, 0, 0)),
        # Winter time begins Sunday 31 October 2027: 23:59 CET is 22:59 UTC.
        (datetime.date(2027, 10, 31), (22, 59, 59), (23, 0, 0)),
    ],
)
def test_a_hearing_deadline_across_the_dst_change_ends_at_the_end_of_that_danish_day(
    deadline, last_in_time, first_too_late
):
    case, caseworker, _ = _case()
    sent = datetime.datetime.combine(deadline - datetime.timedelta(days=14), datetime.time(9))
    hearing = _send(case, caseworker, deadline, sent.replace(tzinfo=CPH))
    in_time = datetime.datetime(*deadline.timetuple()[:3], *last_in_time, tzinfo=UTC)
    too_late = datetime.datetime(*deadline.timetuple()[:3], *first_too_late, tzinfo=UTC)
    assert local_date(hearing.ends_at) == deadline
    assert hearing.is_open(in_time) and not hearing.is_open(too_late)


def test_the_citizen_answers_once_and_may_change_it_until_the_deadline():
    case, caseworker, citizen = _case()
    _send(case, caseworker, datetime.date(2027, 1, 18), MONDAY)
    services.answer_hearing(
        case, answer="comments", comment="Jeg kan ikke stå.", upload=None, by=citizen, now=MONDAY
    )
    services.answer_hearing(case, answer="none", comment="x", upload=None, by=citizen, now=MONDAY)
    hearing = CaseHearing.objects.get()
    assert (hearing.answer, hearing.comment) == ("none", "")
    after = datetime.datetime(2027, 1, 19, 0, 0, tzinfo=CPH)
    with pytest.raises(services.CaseRefused):
        services.answer_hearing(case, answer="none", comment="", upload=None, by=citizen, now=after)


def test_min_sag_shows_the_draft_and_takes_the_answer_with_a_file():
    case, caseworker, citizen = _case()
    today = local_date(timezone.now())
    _send(case, caseworker, today + datetime.timedelta(days=10), timezone.now())
    client = _client(citizen)
    page = client.get(reverse("cases:detail", args=[case.process_id]))
    assert "Vi vil give afslag." in page.content.decode()
    url = reverse("cases:hearing_answer", args=[case.process_id])

    missing = client.post(url, {"answer": "comments", "comment": ""})
    assert missing.status_code == 422
    assert "comment" in missing.context["answer_form"].errors

    upload = SimpleUploadedFile("svar.pdf", pdf_with_text("Svar"), "application/pdf")
    done = client.post(
        url, {"answer": "comments", "comment": "Badebænken er for lav.", "file": upload}
    )
    assert done.status_code == 302
    hearing = CaseHearing.objects.get()
    assert hearing.comment == "Badebænken er for lav." and hearing.answer_file_name == "svar.pdf"
    download = _client(caseworker).get(reverse("cases:hearing_answer_file", args=[case.process_id]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")


def test_the_citizen_of_another_case_gets_a_404_and_a_participant_may_not_answer():
    case, caseworker, _citizen = _case()
    _send(
        case, caseworker, local_date(timezone.now()) + datetime.timedelta(days=10), timezone.now()
    )
    other = open_case(citizen=UserFactory()).citizen
    pk = case.process_id
    for name in ("hearing_answer", "evaluation"):
        assert _client(other).post(reverse(f"cases:{name}", args=[pk]), {}).status_code == 404
    assert _client(other).get(reverse("cases:hearing_draft_file", args=[pk])).status_code == 404
    for name in ("hearing", "decision"):
        assert _client(other).get(reverse(f"staff:cases:{name}", args=[pk])).status_code in (
            302,
            404,
        )
        assert (
            _client(StaffFactory()).get(reverse(f"staff:cases:{name}", args=[pk])).status_code
            == 404
        )
    url = reverse("cases:hearing_answer", args=[pk])
    assert _client(caseworker).post(url, {"answer": "none"}).status_code == 403


def test_the_reminder_is_sent_once_and_only_when_unanswered():
    case, caseworker, _citizen = _case()
    _send(case, caseworker, datetime.date(2027, 1, 18), MONDAY)
    early = datetime.datetime(2027, 1, 14, 8, 0, tzinfo=CPH)  # four days before
    assert services.send_case_reminders(now=early, days=3) == 0
    due = datetime.datetime(2027, 1, 15, 8, 0, tzinfo=CPH)  # three days before
    assert services.send_case_reminders(now=due, days=3) == 1
    assert services.send_case_reminders(now=due, days=3) == 0
    assert services.send_case_reminders(now=due + datetime.timedelta(days=1), days=3) == 0
    email = Notification.objects.get(kind=Notification.Kind.REMINDER)
    assert email.to == "karen@example.com" and "Vi vil give afslag" not in email.body

    answered, caseworker2, citizen2 = _case()
    _send(answered, caseworker2, datetime.date(2027, 1, 18), MONDAY)
    services.answer_hearing(
        answered, answer="none", comment="", upload=None, by=citizen2, now=MONDAY
    )
    assert services.send_case_reminders(now=due, days=3) == 0


@override_settings(INDDRAG_CASE_HEARING_REMINDER_DAYS=400)
def test_the_daily_command_uses_the_setting(capsys):
    case, caseworker, _ = _case()
    _send(
        case, caseworker, local_date(timezone.now()) + datetime.timedelta(days=10), timezone.now()
    )
    call_command("send_case_reminders")
    call_command("send_case_reminders")
    assert "0 reminder(s)" in capsys.readouterr().out
    assert Notification.objects.filter(kind=Notification.Kind.REMINDER).count() == 1


# --- The decision ---------------------------------------------------------------------------------


def test_a_decision_before_the_hearing_deadline_is_refused():
    case, caseworker, _ = _case()
    _send(case, caseworker, datetime.date(2027, 1, 18), MONDAY)
    last_minute = datetime.datetime(2027, 1, 18, 23, 59, 30, tzinfo=CPH)
    with pytest.raises(services.CaseRefused, match=r"18\. januar 2027"):
        services.record_case_decision(case, _decision(), caseworker, now=last_minute)
    assert not CaseDecision.objects.exists()
    after = datetime.datetime(2027, 1, 19, 0, 0, tzinfo=CPH)
    services.record_case_decision(case, _decision(), caseworker, now=after)
    assert CaseDecision.objects.get().decided_on == datetime.date(2027, 1, 19)


def test_a_decision_is_allowed_once_the_citizen_has_answered():
    case, caseworker, citizen = _case()
    _send(case, caseworker, datetime.date(2027, 1, 18), MONDAY)
    services.answer_hearing(
        case, answer="comments", comment="Jeg vil gerne prøve", upload=None, by=citizen, now=MONDAY
    )
    decision = services.record_case_decision(
        case,
        _decision(
            inputs=[("hearing", "Jeg vil gerne prøve", "Vi har lånt dig en til afprøvning.")]
        ),
        caseworker,
        now=MONDAY,
    )
    assert decision.hearing_exception == ""
    assert [(i.source, i.used) for i in decision.inputs.all()] == [
        ("hearing", "Vi har lånt dig en til afprøvning.")
    ]
    process = Process.objects.get(pk=case.process_id)
    assert process.status == Process.Status.DECIDED
    assert all(s.done_on for s in case.steps.filter(kind="decision"))


def test_an_exception_needs_its_reason_and_then_allows_the_decision():
    case, caseworker, _ = _case()
    _send(case, caseworker, datetime.date(2027, 1, 18), MONDAY)
    with pytest.raises(services.CaseRefused) as refused:
        services.record_case_decision(
            case, _decision(exception=HearingException.URGENT), caseworker, now=MONDAY
        )
    assert refused.value.field == "exception_reason"
    with pytest.raises(services.CaseRefused):  # full grant only with a full grant
        services.record_case_decision(
            case,
            _decision(exception=HearingException.FULL_GRANT, reason="x"),
            caseworker,
            now=MONDAY,
        )
    decision = services.record_case_decision(
        case,
        _decision(exception=HearingException.URGENT, reason="Borgeren udskrives i morgen."),
        caseworker,
        now=MONDAY,
    )
    assert decision.hearing_exception_reason == "Borgeren udskrives i morgen."


def test_no_hearing_at_all_needs_an_exception_unless_granted_in_full():
    case, caseworker, _ = _case()
    with pytest.raises(services.CaseRefused, match="partshøring"):
        services.record_case_decision(case, _decision(), caseworker, now=MONDAY)
    decision = services.record_case_decision(
        case, _decision(outcome=CaseDecision.Outcome.GRANTED), caseworker, now=MONDAY
    )
    assert decision.hearing_exception == HearingException.FULL_GRANT


@override_settings(INDDRAG_CASE_COMPLAINT_WEEKS=4)
def test_the_complaint_deadline_is_a_date_four_weeks_after_the_decision():
    case, caseworker, citizen = _case()
    decision = services.record_case_decision(
        case,
        _decision(outcome=CaseDecision.Outcome.GRANTED),
        caseworker,
        now=datetime.datetime(2027, 1, 4, 23, 30, tzinfo=CPH),  # 22:30 UTC: Danish date counts
    )
    assert decision.complaint_deadline == datetime.date(2027, 2, 1)
    page = _client(citizen).get(reverse("cases:detail", args=[case.process_id]))
    assert "1. februar 2027" in page.content.decode()
    email = Notification.objects.get(kind=Notification.Kind.DECISION)
    assert "1. februar 2027" in email.body and "Betingelserne" not in email.body


def test_the_decision_page_prefills_the_inputs_and_requires_how_they_were_used():
    case, caseworker, citizen = _case()
    services.save_what_matters(case, "At jeg kan klare mig selv.", citizen)
    client = _client(caseworker)
    url = reverse("staff:cases:decision", args=[case.process_id])
    page = client.get(url)
    assert page.context["inputs"].initial == [
        {"source": "what_matters", "said": "At jeg kan klare mig selv."}
    ]
    data = {
        "outcome": "granted",
        "reasons": "Betingelserne er opfyldt.",
        "complaint_guidance": "Klag til os.",
        "input-TOTAL_FORMS": "1",
        "input-INITIAL_FORMS": "1",
        "input-0-source": "what_matters",
        "input-0-said": "At jeg kan klare mig selv.",
        "input-0-used": "",
    }
    assert client.post(url, data).status_code == 422
    assert not CaseDecision.objects.exists()
    data["input-0-used"] = "Derfor valgte vi en bænk du selv kan bruge."
    assert client.post(url, data).status_code == 302
    assert CaseDecision.objects.get().inputs.get().source == "what_matters"
    shown = _client(citizen).get(reverse("cases:detail", args=[case.process_id])).content.decode()
    assert "Derfor valgte vi en bænk du selv kan bruge." in shown


# --- The evaluation -------------------------------------------------------------------------------


def test_the_evaluation_is_anonymous_and_once_per_case():
    case, caseworker, citizen = _case()
    client = _client(citizen)
    url = reverse("cases:evaluation", args=[case.process_id])
    answer = {"knew_influence": "4", "felt_heard": "5", "time_enough": "3", "comment": "Fint"}
    client.post(url, answer)
    assert not CaseEvaluation.objects.exists()  # not before the decision

    services.record_case_decision(
        case, _decision(outcome=CaseDecision.Outcome.GRANTED), caseworker, now=MONDAY
    )
    assert client.post(url, {"knew_influence": "9"}).status_code == 422
    assert client.post(url, answer).status_code == 302
    client.post(url, answer)
    evaluation = CaseEvaluation.objects.get()
    assert (evaluation.knew_influence, evaluation.felt_heard, evaluation.time_enough) == (4, 5, 3)
    assert evaluation.case_type_id == case.case_type_id
    assert evaluation.month == local_date(timezone.now()).replace(day=1)
    fields = {f.name for f in CaseEvaluation._meta.get_fields()}
    assert not fields & {"user", "citizen", "case", "process", "created_at"}
    receipt = CaseEvaluationReceipt.objects.get()
    assert len(receipt.case_key) == 40 and receipt.case_key != str(case.pk)  # a hash, no pk
    page = client.get(reverse("cases:detail", args=[case.process_id])).content.decode()
    assert "Thank you for your evaluation" in page or "Tak for din evaluering" in page
    staff_page = _client(caseworker).get(reverse("staff:processes:edit", args=[case.process_id]))
    assert "Fint" not in staff_page.content.decode()
