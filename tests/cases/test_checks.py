"""The checks of a case (issue #11, section 4) and the rules that gate the decision: every input
of the citizen answered and addressed, the citizen invited before the assessment, partshøring
before the decision, the processing time."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from inddrag.cases import services
from inddrag.cases.checks import case_checks, checked_cases
from inddrag.cases.models import (
    CaseDecision,
    CaseFile,
    CaseMeeting,
    CaseProfessional,
    CaseStep,
    StepKind,
)
from inddrag.principles.checks import Severity, run_checks
from inddrag.principles.plan import load_plan, load_plans
from inddrag.processes.models import Process
from tests.factories import StaffFactory, UserFactory
from tests.factories.cases import case_type, open_case

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _case(today=None, **type_kwargs):
    citizen = UserFactory(email="karen@example.com")
    caseworker = StaffFactory()
    kind = case_type(hearing_days=14, hearing_minimum_days=7, **type_kwargs)
    case = open_case(caseworker=caseworker, citizen=citizen, kind=kind, today=today)
    return case, caseworker, citizen


def _results(case: CaseFile, now: datetime.datetime) -> dict[str, tuple[str, str]]:
    loaded = checked_cases().get(pk=case.pk)
    return {r.code: (r.severity, r.message) for r in case_checks(loaded, now)}


def _decision(inputs=(), outcome=CaseDecision.Outcome.REFUSED, exception="", reason=""):
    return services.CaseDecisionData(
        outcome=outcome,
        reasons="Betingelserne er ikke opfyldt.",
        complaint_guidance="Du kan klage til Ankestyrelsen.",
        inputs=list(inputs),
        exception=exception,
        exception_reason=reason,
    )


OPENED = datetime.date(2027, 1, 4)
NOW = datetime.datetime(2027, 1, 5, 10, 0, tzinfo=CPH)


# --- The checks -----------------------------------------------------------------------------------


def test_a_new_case_asks_to_invite_the_citizen_and_to_send_the_partshoering():
    case, _, _ = _case(today=OPENED)
    results = _results(case, NOW)
    assert results["case_invited_early"][0] == Severity.WARNING
    assert results["case_hearing_before_decision"][0] == Severity.WARNING
    assert "forvaltningsloven § 19" in results["case_hearing_before_decision"][1]
    assert results["case_legal_basis"][0] == Severity.OK
    assert results["case_inputs_answered"][0] == Severity.OK
    assert results["case_processing_time"][0] == Severity.OK


def test_an_empty_case_type_fails_the_frame_checks_too():
    """The "empty" hole: a case with no frame and no legal link does not pass."""
    case, _, _ = _case(today=OPENED)
    case.process.frame_items.all().delete()
    case.case_type.legal_url = ""
    case.case_type.save()
    plan = load_plan(case.process_id)
    codes = {r.code: r.severity for r in run_checks(plan, now=NOW)}
    assert codes["p1_open_items"] == Severity.BLOCKER
    assert codes["case_legal_basis"] == Severity.WARNING


def test_the_citizen_invited_before_the_assessment_passes_and_after_warns():
    case, _caseworker, _citizen = _case(today=OPENED)
    assessment = CaseStep.objects.create(
        case=case, title="Vurdering", kind=StepKind.ASSESSMENT, order=2
    )
    # The type's contact step is not done: nothing shows the citizen took part.
    CaseStep.objects.filter(case=case).exclude(pk=assessment.pk).update(done_on=None)
    assessment.done_on = datetime.date(2027, 1, 4)
    assessment.save()
    result = _results(case, NOW)["case_invited_early"]
    assert result[0] == Severity.WARNING and "4. januar 2027" in result[1]

    CaseFile.objects.filter(pk=case.pk).update(
        what_matters="At jeg kan bade selv.",
        what_matters_at=datetime.datetime(2027, 1, 3, 12, 0, tzinfo=CPH),
    )
    assert _results(case, NOW)["case_invited_early"][0] == Severity.OK


def test_unanswered_messages_warn_until_answered():
    case, caseworker, citizen = _case(today=OPENED)
    services.send_message(case, citizen, "Hvornår kommer I?")
    result = _results(case, NOW)["case_inputs_answered"]
    assert result[0] == Severity.WARNING and "1 besked" in result[1]
    message = case.messages.get()
    services.answer_message(message, "På tirsdag.", caseworker)
    assert _results(case, NOW)["case_inputs_answered"][0] == Severity.OK


def test_the_processing_time_warns_as_it_nears_and_when_it_has_passed():
    case, _caseworker, _ = _case(today=OPENED, processing_weeks=4)  # deadline 1 February
    CaseStep.objects.filter(case=case, kind=StepKind.DECISION).update(
        planned_on=datetime.date(2027, 1, 29)
    )
    near = datetime.datetime(2027, 1, 25, 9, 0, tzinfo=CPH)
    result = _results(case, near)["case_processing_time"]
    assert result[0] == Severity.WARNING and "7 dage til" in result[1]
    late = datetime.datetime(2027, 2, 3, 9, 0, tzinfo=CPH)
    result = _results(case, late)["case_processing_time"]
    assert result[0] == Severity.WARNING and "2 dage siden" in result[1]
    CaseStep.objects.filter(case=case, kind=StepKind.DECISION).update(
        planned_on=datetime.date(2027, 2, 10)
    )
    result = _results(case, NOW)["case_processing_time"]
    assert result[0] == Severity.WARNING and "10. februar 2027" in result[1]


def test_the_hearing_period_and_the_decision_show_as_kept():
    case, caseworker, _citizen = _case(today=OPENED)
    services.send_hearing(
        case,
        draft="Vi vil give afslag.",
        deadline=datetime.date(2027, 1, 19),
        upload=None,
        by=caseworker,
        now=NOW,
    )
    results = _results(case, NOW)
    assert results["case_hearing_period"] == (
        Severity.OK,
        "Borgeren har 14 dage til at kommentere (mindst 7).",
    )
    assert results["case_hearing_before_decision"][0] == Severity.OK


def test_a_project_has_no_case_checks_and_loading_its_plans_adds_no_query(
    django_assert_num_queries,
):
    from tests.factories import ProcessFactory

    ProcessFactory()
    plans = load_plans(Process.objects.all())
    assert not any(r.code.startswith("case_") for r in run_checks(plans[0], now=NOW))


@pytest.mark.parametrize("cases", [1, 12])
def test_case_plans_load_their_case_data_in_constant_queries(django_assert_num_queries, cases):
    caseworker = StaffFactory()
    for n in range(cases):
        case = open_case(caseworker=caseworker, title=f"Sag {n}")
        services.send_message(case, case.citizen, f"Spørgsmål {n}")
    with django_assert_num_queries(12):  # the plan's 9, the cases, their steps, professionals
        plans = load_plans(Process.objects.filter(kind=Process.Kind.CASE))
    assert len(plans) == cases
    assert all("case" in plan.extras for plan in plans)
    for plan in plans:
        codes = {r.code: r.severity for r in run_checks(plan, now=NOW)}
        assert codes["case_inputs_answered"] == Severity.WARNING


# --- "Mine sager" ---------------------------------------------------------------------------------


def test_mine_sager_shows_the_partshoering_and_the_worst_check():
    case, caseworker, citizen = _case(today=OPENED)
    services.send_message(case, citizen, "Hvornår kommer I?")
    html = _client(caseworker).get(reverse("staff:cases:mine")).content.decode()
    row = html.split(case.process.title)[1].split("</tr>")[0]
    assert "Ikke sendt" in row
    assert "check-warning" in row


def test_mine_sager_filters_by_state(django_assert_num_queries):
    caseworker = StaffFactory()
    quiet = open_case(caseworker=caseworker, title="Stille sag")
    asking = open_case(caseworker=caseworker, title="Spørgende sag")
    services.send_message(asking, asking.citizen, "Hej?")
    client = _client(caseworker)
    html = client.get(reverse("staff:cases:mine"), {"state": "ubesvarede"}).content.decode()
    assert "Spørgende sag" in html and "Stille sag" not in html
    html = client.get(reverse("staff:cases:mine"), {"state": "afgjorte"}).content.decode()
    assert "Spørgende sag" not in html and "Stille sag" not in html
    html = client.get(reverse("staff:cases:mine"), {"state": "aabne"}).content.decode()
    assert "Spørgende sag" in html and "Stille sag" in html
    assert quiet.pk


# --- The decision addresses every input (principle 2, a blocker) ----------------------------------


def test_each_message_of_the_citizen_is_an_input_row_of_the_decision():
    case, _caseworker, citizen = _case(today=OPENED)
    services.save_what_matters(case, "At jeg kan klare mig selv.", citizen)
    services.send_message(case, citizen, "Jeg vil helst have en bænk med ryglæn.")
    message = case.messages.get()
    rows = services.decision_inputs(case)
    assert [r["source"] for r in rows] == ["what_matters", f"message:{message.pk}"]


def test_the_decision_is_refused_unless_it_addresses_every_input():
    case, caseworker, citizen = _case(today=OPENED)
    services.save_what_matters(case, "At jeg kan klare mig selv.", citizen)
    services.send_message(case, citizen, "Jeg vil helst have ryglæn.")
    message = case.messages.get()
    granted = CaseDecision.Outcome.GRANTED
    only_one = _decision([("what_matters", "x", "Vi har lyttet.")], outcome=granted)
    with pytest.raises(services.CaseRefused) as refused:
        services.record_case_decision(case, only_one, caseworker, now=NOW)
    assert refused.value.field == "inputs"
    blank = _decision(
        [("what_matters", "x", "Vi har lyttet."), (f"message:{message.pk}", "x", "  ")],
        outcome=granted,
    )
    with pytest.raises(services.CaseRefused):
        services.record_case_decision(case, blank, caseworker, now=NOW)
    made_up = _decision(
        [
            ("what_matters", "x", "Vi har lyttet."),
            (f"message:{message.pk}", "x", "Ryglæn er valgt."),
            ("message:999999", "x", "Findes ikke."),
        ],
        outcome=granted,
    )
    with pytest.raises(services.CaseRefused):
        services.record_case_decision(case, made_up, caseworker, now=NOW)
    assert not CaseDecision.objects.exists()

    tampered = _decision(
        [
            ("what_matters", "Noget borgeren aldrig sagde", "Vi har lyttet."),
            (f"message:{message.pk}", "", "Ryglæn er valgt."),
        ],
        outcome=granted,
    )
    decision = services.record_case_decision(case, tampered, caseworker, now=NOW)
    said = [row.said for row in decision.inputs.all()]
    assert said == ["At jeg kan klare mig selv.", "Jeg vil helst have ryglæn."]


def test_an_input_that_arrives_while_the_caseworker_writes_is_shown_not_lost():
    case, caseworker, citizen = _case(today=OPENED)
    services.save_what_matters(case, "At jeg kan klare mig selv.", citizen)
    client = _client(caseworker)
    url = reverse("staff:cases:decision", args=[case.process_id])
    client.get(url)
    services.send_message(case, citizen, "En ting mere: jeg bor på 2. sal.")
    data = {
        "outcome": "granted",
        "reasons": "Betingelserne er opfyldt.",
        "complaint_guidance": "Klag til os.",
        "input-TOTAL_FORMS": "1",
        "input-INITIAL_FORMS": "1",
        "input-0-source": "what_matters",
        "input-0-said": "At jeg kan klare mig selv.",
        "input-0-used": "Derfor en bænk du selv kan bruge.",
    }
    page = client.post(url, data)
    assert page.status_code == 422
    assert not CaseDecision.objects.exists()
    html = page.content.decode()
    assert "En ting mere: jeg bor på 2. sal." in html
    assert "Derfor en bænk du selv kan bruge." in html  # what was written is kept


def test_the_companion_question_warns_until_asked():
    case, _caseworker, _ = _case(today=OPENED)
    result = _results(case, NOW)["case_companion_asked"]
    assert result[0] == Severity.WARNING and "forvaltningsloven § 8" in result[1]
    CaseFile.objects.filter(pk=case.pk).update(
        companion_asked_on=datetime.date(2027, 1, 5), companion_answer="bisidder"
    )
    result = _results(case, NOW)["case_companion_asked"]
    assert result[0] == Severity.OK and "5. januar 2027" in result[1]


def test_the_second_discipline_is_suggested_until_one_takes_part():
    case, caseworker, _ = _case(today=OPENED, second_discipline="Ergoterapeut")
    result = _results(case, NOW)["case_second_discipline"]
    assert result[0] == Severity.WARNING and "ergoterapeut" in result[1]
    therapist = StaffFactory()
    professional = CaseProfessional.objects.create(
        case=case, user=therapist, role="ergoterapeut", added_by=caseworker
    )
    assert _results(case, NOW)["case_second_discipline"][0] == Severity.OK
    professional.removed_at = NOW
    professional.save()
    assert _results(case, NOW)["case_second_discipline"][0] == Severity.WARNING
    other, *_ = _case(today=OPENED)  # a type with no second discipline: nothing to say
    assert "case_second_discipline" not in _results(other, NOW)


def test_a_meeting_proposed_before_the_assessment_counts_as_inviting_the_citizen():
    case, _caseworker, _ = _case(today=OPENED)
    CaseStep.objects.filter(case=case).update(done_on=None)
    CaseStep.objects.create(
        case=case,
        title="Vurdering",
        kind=StepKind.ASSESSMENT,
        order=9,
        done_on=datetime.date(2027, 1, 10),
    )
    assert _results(case, NOW)["case_invited_early"][0] == Severity.WARNING
    CaseMeeting.objects.create(
        case=case,
        kind="home_visit",
        purpose="Vi ser på badeværelset sammen.",
        attendees="Jonas",
        times_proposed_at=datetime.datetime(2027, 1, 6, 9, 0, tzinfo=CPH),
    )
    assert _results(case, NOW)["case_invited_early"][0] == Severity.OK
