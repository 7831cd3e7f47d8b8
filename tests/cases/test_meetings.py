"""Meetings and home visits in a case (issue #11, section 2): the caseworker proposes times,
the citizen picks one or asks for another, says what they need; an .ics file; a summary after.
Times are entered and shown in Danish time, exact across the changes to and from summer time."""

from __future__ import annotations

import datetime
import threading
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from inddrag.audit.models import AccessLog
from inddrag.cases import services
from inddrag.cases.models import CaseMeeting, CaseMeetingSlot, CaseStep, MeetingKind, StepKind
from inddrag.lib.formatting import meeting_time
from inddrag.notifications.models import Notification
from tests.factories import StaffFactory, UserFactory
from tests.factories.cases import open_case
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
UTC = datetime.UTC
PURPOSE = "Vi taler om badebænken og toiletstolen"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def case():
    return open_case(
        caseworker=StaffFactory(first_name="Jonas", last_name="Holm"),
        citizen=UserFactory(first_name="Karen", email="karen@example.com"),
    )


def _soon(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.now().astimezone(CPH).date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=CPH)


def _propose(case, *slots, kind=MeetingKind.HOME_VISIT, **kwargs) -> CaseMeeting:
    slots = slots or ((_soon(3), _soon(3, 11)), (_soon(4), _soon(4, 11)))
    data = services.MeetingData(
        kind=kind,
        purpose=kwargs.pop("purpose", PURPOSE),
        attendees="Jonas Holm, ergoterapeut",
        slots=list(slots),
        place=kwargs.pop("place", "Hovedgaden 1, 2750 Ballerup"),
        **kwargs,
    )
    once = services.propose_meeting(case, data, case.process.responsible)
    return CaseMeeting.objects.get(pk=once.object_id)


def _form(**slots) -> dict:
    data = {
        "action": "propose",
        "form_token": "k" * 32,
        "nyt-kind": "town_hall",
        "nyt-purpose": PURPOSE,
        "nyt-place": "Ballerup Rådhus, Hold-An Vej 7, mødelokale 2",
        "nyt-video_link": "",
        "nyt-attendees": "Jonas Holm, ergoterapeut",
    }
    data.update({f"nyt-{name}": value for name, value in slots.items()})
    return data


def _pick_url(meeting) -> str:
    return reverse("cases:meeting_pick", args=[meeting.case.process_id, meeting.pk])


# --- The caseworker proposes ---------------------------------------------------------------------


def test_the_caseworker_proposes_times_and_the_citizen_gets_a_link_only(case):
    client = _client(case.process.responsible)
    url = reverse("staff:cases:meetings", args=[case.process_id])
    assert client.get(url).status_code == 200
    first, second = _soon(5), _soon(6, 13)
    response = client.post(
        url,
        _form(
            start_1=first.strftime("%Y-%m-%dT%H:%M"),
            end_1=(first + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            start_3=second.strftime("%Y-%m-%dT%H:%M"),
            end_3=(second + datetime.timedelta(minutes=45)).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    assert response.status_code == 302
    meeting = CaseMeeting.objects.get()
    assert meeting.status == CaseMeeting.Status.PROPOSED and meeting.kind == "town_hall"
    assert [s.starts_at for s in meeting.slots.all()] == [first, second]
    email = Notification.objects.get()
    assert email.to == "karen@example.com"
    assert reverse("cases:detail", args=[case.process_id]) + "#moeder" in email.body
    for secret in (PURPOSE, "Rådhus", case.process.title, "Jonas"):
        assert secret not in email.body and secret not in email.subject
    assert AccessLog.objects.filter(detail=f"meeting {meeting.pk} proposed").exists()

    client.post(url, _form(start_1="2099-01-01T10:00", end_1="2099-01-01T11:00"))
    assert CaseMeeting.objects.count() == 1  # a double submit (same form token) proposes once


@pytest.mark.parametrize(
    ("slots", "field", "message"),
    [
        ({}, "start_1", "Foreslå mindst én tid."),
        (
            {"start_1": "2099-01-01T10:00", "end_1": "2099-01-01T09:00"},
            "end_1",
            "Mødet skal slutte efter, at det er begyndt.",
        ),
        ({"start_2": "2099-01-01T10:00"}, "end_2", "Skriv også, hvornår mødet slutter."),
        (
            {"start_1": "2020-01-01T10:00", "end_1": "2020-01-01T11:00"},
            "start_1",
            "Den tid er gået. Vælg en tid, der ligger foran os.",
        ),
        # The night summer time ends, 02:30 happens twice: refused, not guessed.
        ({"start_1": "2027-10-31T02:30", "end_1": "2027-10-31T03:30"}, "start_1", "tvetydig"),
        ({"start_1": "2027-03-28T02:30", "end_1": "2027-03-28T03:30"}, "start_1", "tvetydig"),
    ],
)
def test_wrong_times_are_refused_in_danish_next_to_the_field(case, slots, field, message):
    client = _client(case.process.responsible)
    url = reverse("staff:cases:meetings", args=[case.process_id])
    response = client.post(url, _form(**slots))
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
    assert 'id="id_nyt-' + field + '-error"' in response.content.decode()
    assert not CaseMeeting.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"nyt-place": ""}, "place", "Skriv, hvor mødet er"),
        ({"nyt-kind": "video", "nyt-video_link": ""}, "video_link", "Skriv linket"),
        (
            {"nyt-kind": "video", "nyt-video_link": "http://meet.example.com/a"},
            "video_link",
            "https://",
        ),
        ({"nyt-kind": "video", "nyt-video_link": "javascript:alert(1)"}, "video_link", "URL"),
        ({"nyt-purpose": "Møde\x00"}, "purpose", "tegn, der ikke kan gemmes"),
        ({"nyt-kind": "bogus"}, "kind", "gyldig valgmulighed"),
    ],
)
def test_a_place_or_an_https_link_is_required_as_the_kind_needs(case, changes, field, message):
    client = _client(case.process.responsible)
    url = reverse("staff:cases:meetings", args=[case.process_id])
    data = {**_form(start_1="2099-01-01T10:00", end_1="2099-01-01T11:00"), **changes}
    response = client.post(url, data)
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
    assert not CaseMeeting.objects.exists()


@pytest.mark.parametrize(
    ("typed", "utc_hour"),
    [
        # The last Sunday of October 2027: winter time (UTC+1) from 03:00.
        ("2027-10-31T10:00", 9),
        # The last Sunday of March 2027: summer time (UTC+2) from 02:00.
        ("2027-03-28T10:00", 8),
    ],
)
def test_times_are_danish_time_across_the_change_of_summer_time(case, typed, utc_hour):
    client = _client(case.process.responsible)
    url = reverse("staff:cases:meetings", args=[case.process_id])
    end = typed.replace("T10:00", "T11:00")
    assert client.post(url, _form(start_1=typed, end_1=end)).status_code == 302
    slot = CaseMeetingSlot.objects.get()
    assert slot.starts_at.astimezone(UTC).hour == utc_hour
    assert slot.ends_at - slot.starts_at == datetime.timedelta(hours=1)
    with translation.override("da"):
        assert meeting_time(slot.starts_at, slot.ends_at).endswith("kl. 10.00–11.00")


def test_a_meeting_across_the_night_summer_time_ends_lasts_one_hour_more(case):
    starts = datetime.datetime(2027, 10, 31, 1, 0, tzinfo=CPH)
    ends = datetime.datetime(2027, 10, 31, 4, 0, tzinfo=CPH)
    meeting = _propose(case, (starts, ends))
    slot = meeting.slots.get()
    assert slot.ends_at - slot.starts_at == datetime.timedelta(hours=4)


def test_the_time_reads_as_a_danish_citizen_reads_it():
    starts = datetime.datetime(2026, 12, 8, 10, 0, tzinfo=CPH)
    with translation.override("da"):
        text = meeting_time(starts, starts + datetime.timedelta(hours=1))
    assert text == "tirsdag 8. december 2026 kl. 10.00–11.00"


# --- The citizen picks ---------------------------------------------------------------------------


def test_the_citizen_picks_a_time_with_needs_and_a_double_submit_books_once(case):
    meeting = _propose(case)
    first, second = meeting.slots.all()
    client = _client(case.citizen)
    page = client.get(reverse("cases:detail", args=[case.process_id])).content.decode()
    assert 'id="moeder"' in page and PURPOSE in page
    assert f'value="{first.pk}"' in page and f'value="{second.pk}"' in page  # radio buttons
    assert "Ingen af tiderne passer mig" in page
    post = {
        f"m{meeting.pk}-slot": second.pk,
        f"m{meeting.pk}-interpreter": "on",
        f"m{meeting.pk}-interpreter_language": "Arabisk",
        f"m{meeting.pk}-companion": "on",
        f"m{meeting.pk}-other_needs": "Ring på to gange",
    }
    assert client.post(_pick_url(meeting), post).status_code == 302
    assert client.post(_pick_url(meeting), post).status_code == 302  # the double submit
    meeting.refresh_from_db()
    assert meeting.status == CaseMeeting.Status.BOOKED
    assert list(meeting.slots.filter(chosen=True)) == [second]
    assert (meeting.interpreter, meeting.interpreter_language, meeting.companion) == (
        True,
        "Arabisk",
        True,
    )
    assert AccessLog.objects.filter(detail=f"meeting {meeting.pk} booked").count() == 1

    page = client.get(reverse("cases:detail", args=[case.process_id])).content.decode()
    with translation.override("da"):
        assert meeting_time(second.starts_at, second.ends_at) in page
    assert "Tolk (Arabisk)" in page and "Ring på to gange" in page
    assert reverse("cases:meeting_ics", args=[case.process_id, meeting.pk]) in page

    staff = _client(case.process.responsible)
    staff_page = staff.get(reverse("staff:cases:meetings", args=[case.process_id]))
    assert "Tolk (Arabisk)" in staff_page.content.decode()


def test_a_time_picked_in_another_tab_or_a_cancelled_meeting_changes_nothing(case):
    meeting = _propose(case)
    first, second = meeting.slots.all()
    citizen = case.citizen
    assert services.book_meeting(meeting, first.pk, services.MeetingNeeds(), citizen)
    client = _client(citizen)
    response = client.post(_pick_url(meeting), {f"m{meeting.pk}-slot": second.pk}, follow=True)
    assert "Der er allerede valgt en tid til mødet" in response.content.decode()
    assert list(CaseMeetingSlot.objects.filter(chosen=True)) == [first]

    other = _propose(case)
    services.cancel_meeting(other, "Ergoterapeuten er syg", case.process.responsible)
    slot = other.slots.first()
    response = client.post(_pick_url(other), {f"m{other.pk}-slot": slot.pk}, follow=True)
    html = response.content.decode()
    assert "Mødet er aflyst. Intet er ændret." in html
    assert "Ergoterapeuten er syg" in html
    other.refresh_from_db()
    assert other.status == CaseMeeting.Status.CANCELLED and not other.slots.filter(chosen=True)


@pytest.mark.django_db(transaction=True)
def test_two_tabs_picking_at_once_book_one_time():
    """The meeting's row is locked while booking: the second pick waits and then sees the first
    (PostgreSQL; SQLite lets only one writer in at a time anyway)."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers")
    case = open_case()
    meeting = _propose(case)
    slots = list(meeting.slots.all())
    barrier = threading.Barrier(2)
    outcomes = []

    def pick(slot):
        try:
            barrier.wait(timeout=10)
            fresh = CaseMeeting.objects.select_related("case__process").get(pk=meeting.pk)
            services.book_meeting(fresh, slot.pk, services.MeetingNeeds(), case.citizen)
            outcomes.append("booked")
        except services.CaseRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=pick, args=(slot,)) for slot in slots]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["booked", "refused"]
    assert CaseMeetingSlot.objects.filter(meeting=meeting, chosen=True).count() == 1


def test_a_time_no_longer_offered_or_passed_is_refused(case):
    meeting = _propose(case)
    old = meeting.slots.first()
    services.propose_new_times(meeting, [(_soon(8), _soon(8, 11))], case.process.responsible)
    with pytest.raises(services.CaseRefused, match="ikke længere vælges"):
        services.book_meeting(meeting, old.pk, services.MeetingNeeds(), case.citizen)
    new = meeting.slots.get()
    later = new.starts_at + datetime.timedelta(minutes=1)
    with pytest.raises(services.CaseRefused, match="Den tid er gået"):
        services.book_meeting(meeting, new.pk, services.MeetingNeeds(), case.citizen, now=later)


def test_a_pick_without_a_time_or_with_a_language_missing_is_a_422(case):
    meeting = _propose(case)
    client = _client(case.citizen)
    response = client.post(_pick_url(meeting), {f"m{meeting.pk}-interpreter": "on"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Vælg en af tiderne." in html
    assert "Skriv, hvilket sprog du skal have tolk til." in html
    meeting.refresh_from_db()
    assert meeting.status == CaseMeeting.Status.PROPOSED and not meeting.interpreter


def test_the_citizen_asks_for_another_time_and_the_caseworker_sees_it(case):
    meeting = _propose(case)
    client = _client(case.citizen)
    url = reverse("cases:meeting_other_time", args=[case.process_id, meeting.pk])
    response = client.post(url, {f"anden-{meeting.pk}-message": "<b>Mandage</b> efter kl. 13"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.asks_for_another_time

    staff = _client(case.process.responsible)
    edit = staff.get(reverse("staff:processes:edit", args=[case.process_id])).content.decode()
    assert "Borgeren beder om en anden tid til 1 møde." in edit
    page = staff.get(reverse("staff:cases:meetings", args=[case.process_id])).content.decode()
    assert "&lt;b&gt;Mandage&lt;/b&gt; efter kl. 13" in page and "<b>Mandage" not in page

    services.propose_new_times(meeting, [(_soon(9), _soon(9, 11))], case.process.responsible)
    meeting.refresh_from_db()
    assert not meeting.asks_for_another_time  # answered by the new times
    assert Notification.objects.filter(subject__contains="nye tider").count() == 1

    empty = client.post(url, {f"anden-{meeting.pk}-message": ""})
    assert empty.status_code == 422
    assert "Skriv, hvilke dage eller tidspunkter der passer dig." in empty.content.decode()


def test_needs_can_be_changed_until_the_meeting_starts(case):
    meeting = _propose(case)
    slot = meeting.slots.first()
    services.book_meeting(meeting, slot.pk, services.MeetingNeeds(), case.citizen)
    url = reverse("cases:meeting_needs", args=[case.process_id, meeting.pk])
    client = _client(case.citizen)
    assert client.post(url, {f"m{meeting.pk}-step_free": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.step_free and not meeting.companion
    with pytest.raises(services.CaseRefused):
        services.save_meeting_needs(
            meeting, services.MeetingNeeds(companion=True), case.citizen, now=slot.starts_at
        )
    assert not services.save_meeting_needs(  # saved unchanged: nothing
        meeting, services.MeetingNeeds(step_free=True), case.citizen
    )


def test_only_the_cases_citizen_picks_and_another_cases_meeting_is_a_404(case):
    meeting = _propose(case)
    slot = meeting.slots.first()
    colleague = StaffFactory()
    case.process.participants.add(colleague)
    post = {f"m{meeting.pk}-slot": slot.pk}
    assert _client(colleague).post(_pick_url(meeting), post).status_code == 403
    assert _client(UserFactory()).post(_pick_url(meeting), post).status_code == 404
    other_case = open_case(title="En anden sag")
    foreign = reverse("cases:meeting_pick", args=[other_case.process_id, meeting.pk])
    assert _client(other_case.citizen).post(foreign, post).status_code == 404
    ics = reverse("cases:meeting_ics", args=[other_case.process_id, meeting.pk])
    assert _client(other_case.citizen).get(ics).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == CaseMeeting.Status.PROPOSED


# --- The .ics file -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "utc_hour"),
    [
        (datetime.datetime(2027, 10, 31, 10, 0, tzinfo=CPH), 9),
        (datetime.datetime(2027, 3, 28, 10, 0, tzinfo=CPH), 8),
    ],
)
def test_the_ics_file_parses_back_with_the_right_time(case, starts, utc_hour):
    meeting = _propose(case, (starts, starts + datetime.timedelta(hours=1)))
    services.book_meeting(meeting, meeting.slots.get().pk, services.MeetingNeeds(), case.citizen)
    url = reverse("cases:meeting_ics", args=[case.process_id, meeting.pk])
    response = _client(case.citizen).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    event = next(iter(calendar.walk("VEVENT")))
    assert calendar.walk("VTIMEZONE")  # the zone travels with the file
    start = event.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Copenhagen" or "Copenhagen" in str(start.tzinfo)
    assert start.astimezone(UTC).hour == utc_hour
    assert event.decoded("dtend") - start == datetime.timedelta(hours=1)
    assert str(event["summary"]) == "Møde med Ballerup Kommune"
    assert str(event["location"]) == "Hovedgaden 1, 2750 Ballerup"
    assert str(event["url"]).endswith(reverse("cases:detail", args=[case.process_id]) + "#moeder")
    body = response.content.decode()
    assert case.process.title not in body and PURPOSE not in body
    uid = str(event["uid"])
    again = _client(case.process.responsible).get(url)  # the caseworker downloads it too
    assert str(next(iter(icalendar.Calendar.from_ical(again.content).walk("VEVENT")))["uid"]) == uid


def test_the_ics_file_is_only_for_a_booked_meeting_and_its_participants(case):
    meeting = _propose(case)
    url = reverse("cases:meeting_ics", args=[case.process_id, meeting.pk])
    assert _client(case.citizen).get(url).status_code == 404  # no time chosen yet
    services.book_meeting(meeting, meeting.slots.first().pk, services.MeetingNeeds(), case.citizen)
    assert _client(case.citizen).get(url).status_code == 200
    assert _client(UserFactory()).get(url).status_code == 404
    assert _client(StaffFactory()).get(url).status_code == 404
    assert Client().get(url).status_code == 404


# --- Afterwards: the summary; cancelling ---------------------------------------------------------


def test_the_summary_marks_the_meeting_held_and_the_meeting_step_done(case):
    starts = _soon(2)
    meeting = _propose(case, (starts, starts + datetime.timedelta(hours=1)))
    services.book_meeting(meeting, meeting.slots.get().pk, services.MeetingNeeds(), case.citizen)
    caseworker = case.process.responsible
    with pytest.raises(services.CaseRefused, match="når mødet er begyndt"):
        services.record_meeting_summary(meeting, "For tidligt", caseworker)
    after = starts + datetime.timedelta(hours=2)
    services.record_meeting_summary(meeting, "Vi aftalte <script>x</script>.", caseworker, after)
    meeting.refresh_from_db()
    assert meeting.status == CaseMeeting.Status.HELD and meeting.summary_by == caseworker
    step = CaseStep.objects.get(case=case, kind=StepKind.MEETING)
    assert step.done_on == starts.date()
    email = Notification.objects.filter(subject__contains="referat").get()
    assert "Vi aftalte" not in email.body
    html = _client(case.citizen).get(reverse("cases:detail", args=[case.process_id])).content
    assert "Vi aftalte &lt;script&gt;x&lt;/script&gt;." in html.decode()
    services.record_meeting_summary(meeting, "Rettet referat", caseworker, after)
    assert Notification.objects.filter(subject__contains="referat").count() == 1  # no new e-mail


def test_the_staff_page_cancels_and_writes_the_summary(case):
    meeting = _propose(case)
    staff = _client(case.process.responsible)
    url = reverse("staff:cases:meetings", args=[case.process_id])
    response = staff.post(
        url, {"action": "summary", "meeting": meeting.pk, f"referat-{meeting.pk}-summary": "x y"}
    )
    assert response.status_code == 422  # not booked: no summary
    assert "Kun et møde, hvor der er valgt en tid, kan få et referat." in response.content.decode()
    response = staff.post(
        url, {"action": "cancel", "meeting": meeting.pk, f"aflys-{meeting.pk}-reason": "Syg"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == CaseMeeting.Status.CANCELLED and meeting.cancel_reason == "Syg"
    assert Notification.objects.filter(subject__contains="aflyst").count() == 1
    again = staff.post(url, {"action": "cancel", "meeting": meeting.pk})
    assert again.status_code == 422
    other = open_case(title="Anden sag", caseworker=case.process.responsible)
    foreign = _propose(other)
    response = staff.post(url, {"action": "cancel", "meeting": foreign.pk})
    assert response.status_code == 404
    assert staff.post(url, {"action": "bogus"}).status_code == 422  # the proposal form, empty


def test_a_non_participant_gets_a_404_on_the_staff_page(case):
    url = reverse("staff:cases:meetings", args=[case.process_id])
    assert _client(StaffFactory()).get(url).status_code == 404


# --- Query counts --------------------------------------------------------------------------------


def _grow(case, n: int, made) -> list[str]:
    for _ in range(n):
        i = next(made)
        meeting = _propose(case, purpose=f"Møde nummer {i}")
        if i % 2:
            slot = meeting.slots.first()
            services.book_meeting(
                meeting, slot.pk, services.MeetingNeeds(other_needs=f"Behov {i}"), case.citizen
            )
    return [f"Møde nummer {i}"]


def test_the_staff_meetings_page_has_a_constant_query_count(django_assert_num_queries, case):
    client = _client(case.process.responsible)
    made = iter(range(1000))
    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("staff:cases:meetings", args=[case.process_id])),
        lambda n: _grow(case, n, made),
        QUERIES_STAFF,
        sizes=(1, 8),
    )


def test_min_sag_with_meetings_has_a_constant_query_count(django_assert_num_queries, case):
    client = _client(case.citizen)
    made = iter(range(1000))
    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("cases:detail", args=[case.process_id])),
        lambda n: _grow(case, n, made),
        QUERIES_MIN_SAG,
        sizes=(1, 8),
    )


# Session, user, the process, the case, its steps, the meetings, their times, the access log.
QUERIES_STAFF = 8
# Min sag's own (see test_messages.py) and the meetings and their times: two, however many.
QUERIES_MIN_SAG = 14  # with the grants and the professionals of "who can see your case"
