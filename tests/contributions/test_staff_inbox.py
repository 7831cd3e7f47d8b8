"""The staff inbox of a process's contributions, and registering contributions received
elsewhere: who may see it, filters, search, pages, query counts, double submits."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inddrag.audit.models import AccessLog
from inddrag.contributions.models import Answer, Contribution, Source
from tests.factories import ActivityFactory, ProcessFactory, StaffFactory, cph
from tests.factories.contributions import (
    bulk,
    hearing_process,
    submitted,
)
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(staff):
    return hearing_process(staff)


def inbox_url(process, query: str = "") -> str:
    url = reverse("staff:contributions:inbox", args=[process.pk])
    return f"{url}?{query}" if query else url


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Who may see it -----------------------------------------------------------------------------


def _staff_urls(process, contribution) -> list[tuple[str, str]]:
    args = [process.pk, contribution.pk]
    return [
        ("get", inbox_url(process)),
        ("get", reverse("staff:contributions:register", args=[process.pk])),
        ("get", reverse("staff:contributions:detail", args=args)),
        ("post", reverse("staff:contributions:publish", args=[process.pk])),
        ("post", reverse("staff:contributions:answer_many", args=[process.pk])),
        ("post", reverse("staff:contributions:answer", args=args)),
        ("post", reverse("staff:contributions:approve", args=args)),
        ("post", reverse("staff:contributions:decline", args=args)),
    ]


def test_anonymous_is_sent_to_login(process, client):
    contribution = submitted(process)
    for method, url in _staff_urls(process, contribution):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


def test_citizen_and_staff_of_another_centre_get_404(process, citizen):
    contribution = submitted(process)
    outsider = StaffFactory()  # a centre of their own
    for user in (citizen, outsider):
        client = client_for(user)
        for method, url in _staff_urls(process, contribution):
            assert getattr(client, method)(url).status_code == 404, (user, url)
    contribution.refresh_from_db()
    assert contribution.publication == Contribution.Publication.PENDING
    assert not Answer.objects.exists()


def test_colleague_of_the_same_centre_may_work_the_inbox(process, staff):
    colleague = StaffFactory(centre=staff.centre)
    assert client_for(colleague).get(inbox_url(process)).status_code == 200


def test_another_process_contribution_is_404(process, staff_client, staff):
    other = hearing_process(staff)
    foreign = submitted(other)
    url = reverse("staff:contributions:detail", args=[process.pk, foreign.pk])
    assert staff_client.get(url).status_code == 404


def test_the_edit_page_links_to_the_inbox_with_counts(process, staff_client):
    submitted(process)
    answered = submitted(process)
    Answer.objects.create(contribution=answered, outcome="noted", reason="Tak.")
    html = staff_client.get(reverse("staff:processes:edit", args=[process.pk])).content.decode()
    assert inbox_url(process) in html
    assert "Bidrag og svar (2)" in html
    assert "1 af 2 besvaret" in html


# --- The list -----------------------------------------------------------------------------------


def test_inbox_rows_show_what_staff_need(process, staff_client):
    late = submitted(
        process,
        "Jeg kom for sent, men mener at stien skal være bredere.",
        received_at=cph(2026, 4, 2, 10, 0),
        source=Source.PHONE,
        on_behalf_of="Ballerup Cykelklub",
        speaking_as="association",
    )
    response = staff_client.get(inbox_url(process))
    html = response.content.decode()
    assert response.status_code == 200
    assert late.receipt_number in html
    assert "Modtaget efter fristen" in html
    assert "2. april 2026" in html
    assert "Jeg kom for sent, men mener" in html
    assert "Ballerup Cykelklub" in html
    assert "Telefonopkald" in html
    assert "Forening eller organisation" in html
    assert "Ikke besvaret" in html
    assert AccessLog.objects.filter(
        object_type="processes.process", object_id=process.pk, action="view"
    ).exists()


def test_the_first_words_hide_what_the_screening_found(process, staff_client):
    submitted(process, "Mit cpr er 010203-1234 og jeg bor på Søvej.")
    html = staff_client.get(inbox_url(process)).content.decode()
    assert "010203-1234" not in html
    assert "Mit cpr er [skjult] og jeg bor på Søvej." in html
    assert "1 fund at behandle" in html


def test_html_in_a_contribution_is_shown_as_text(process, staff_client):
    submitted(process, '<script>alert("x")</script> mere lys på stien', name="<b>Bo</b>")
    html = staff_client.get(inbox_url(process)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Bo&lt;/b&gt;" in html


def _numbers(response) -> set[str]:
    return {c.receipt_number for c in response.context["page"]}


def test_filters_by_state(process, staff_client, staff):
    plain = submitted(process, "Flere bænke, tak.")
    flagged = submitted(process, "Ring til mig på 12 34 56 78.")
    drafted = submitted(process, "Legepladsen skal ligge ved søen.")
    answered = submitted(process, "Stien skal belyses.")
    declined = submitted(process, "Noget helt andet.")
    Answer.objects.create(contribution=drafted, outcome="accommodated", reason="Ja.")
    Answer.objects.create(
        contribution=answered, outcome="noted", reason="Tak.", published_at=timezone.now()
    )
    Contribution.objects.filter(pk=declined.pk).update(publication="declined")

    def numbers(state: str) -> set[str]:
        return _numbers(staff_client.get(inbox_url(process, f"state={state}")))

    assert numbers("unanswered") == {c.receipt_number for c in (plain, flagged, declined)}
    assert numbers("draft") == {drafted.receipt_number}
    assert numbers("answered") == {answered.receipt_number}
    assert numbers("flagged") == {flagged.receipt_number}
    assert numbers("declined") == {declined.receipt_number}
    assert declined.receipt_number not in numbers("review")
    assert plain.receipt_number in numbers("review")  # this process reviews before publishing


def test_filters_by_activity_speaking_as_and_source(process, staff_client):
    activity = process.activities.get()
    workshop = ActivityFactory(process=process, title="Workshop", method="workshop")
    in_hearing = submitted(process, "Om høringen.", activity=activity)
    in_workshop = submitted(process, "Fra workshoppen.", activity=workshop, source=Source.WORKSHOP)
    business = submitted(process, "Som virksomhed.", speaking_as="business")
    assert _numbers(staff_client.get(inbox_url(process, f"activity={workshop.pk}"))) == {
        in_workshop.receipt_number
    }
    assert _numbers(staff_client.get(inbox_url(process, f"activity={activity.pk}"))) == {
        in_hearing.receipt_number
    }
    assert _numbers(staff_client.get(inbox_url(process, "speaking_as=business"))) == {
        business.receipt_number
    }
    assert _numbers(staff_client.get(inbox_url(process, "source=workshop"))) == {
        in_workshop.receipt_number
    }


def test_another_process_activity_is_an_unknown_filter(process, staff_client, staff):
    submitted(process)
    foreign = ActivityFactory(process=hearing_process(staff))
    response = staff_client.get(inbox_url(process, f"activity={foreign.pk}"))
    assert response.status_code == 200
    assert response.context["ignored_filter"]
    assert len(response.context["page"]) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Søvej", "text"), ("Grethe", "name"), ("Skovlunde IF", "organisation"), ("", "all")],
)
def test_search_in_text_receipt_number_and_name(process, staff_client, query, expected):
    rows = {
        "text": submitted(process, "Jeg bor på Søvej og vil have en cykelsti."),
        "name": submitted(process, "Flere træer.", name="Grethe Hansen"),
        "organisation": submitted(process, "Baner.", on_behalf_of="Skovlunde IF"),
    }
    found = _numbers(staff_client.get(inbox_url(process, f"q={query}")))
    if expected == "all":
        assert found == {c.receipt_number for c in rows.values()}
    else:
        assert found == {rows[expected].receipt_number}
    number = rows["name"].receipt_number
    assert _numbers(staff_client.get(inbox_url(process, f"q={number}"))) == {number}


def test_pages_of_25(process, staff_client):
    bulk(process, 30)
    first = staff_client.get(inbox_url(process))
    second = staff_client.get(inbox_url(process, "side=2"))
    assert len(first.context["page"]) == 25
    assert len(second.context["page"]) == 5
    assert "Side 1 af 2" in first.content.decode()


@pytest.mark.parametrize("rows", [10, 1000])
def test_inbox_query_count_does_not_grow(process, staff_client, django_assert_num_queries, rows):
    contributions = bulk(process, rows)
    for contribution in contributions[:5]:
        Answer.objects.create(contribution=contribution, outcome="noted", reason="Tak.")
    staff_client.get(inbox_url(process))  # warm the session
    response = assert_queries(
        django_assert_num_queries,
        # The session and the user, the process, its activities (the filter) and fixed frame
        # items (the answer form), the count, the page, its flags, the header's totals (the
        # counters kept on the process and one query for the two counts that are not counters:
        # no plan), and the access log's row.
        10,
        lambda: staff_client.get(inbox_url(process, "state=unanswered&q=Bidrag")),
        shows=contributions[-1].receipt_number,  # the newest comes first
    )
    assert len(response.context["page"]) == min(rows - 5, 25)
    counts = response.context["counts"]
    assert (counts["total"], counts["unanswered"], counts["drafts"]) == (rows, rows - 5, 5)
    assert (counts["published"], counts["review"]) == (0, rows)


# --- Registering a contribution received elsewhere ----------------------------------------------


def _register_data(**overrides) -> dict:
    data = {
        "form_token": "token-for-a-letter-0001",
        "source": "letter",
        "received_at": "2026-04-03T10:15",
        "activity": "",
        "text": "Brev fra en borger: vi ønsker en fodgængerovergang ved skolen.",
        "speaking_as": "private",
        "on_behalf_of": "",
        "name": "Hans Hansen",
        "email": "",
        "consent": "anonymous",
        "district": "",
        "age_band": "65-79",
    }
    data.update(overrides)
    return data


def test_register_a_letter_after_the_deadline(process, staff, staff_client):
    url = reverse("staff:contributions:register", args=[process.pk])
    assert staff_client.get(url).status_code == 200
    activity = process.activities.get()
    response = staff_client.post(url, _register_data(activity=activity.pk))
    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "staff:contributions:detail", args=[process.pk, contribution.pk]
    )
    assert contribution.source == Source.LETTER
    assert contribution.registered_by == staff
    assert contribution.activity == activity
    assert contribution.received_at == cph(2026, 4, 3, 10, 15)
    assert contribution.after_deadline
    assert contribution.receipt_number.startswith("B-2026-")
    html = staff_client.get(response["Location"]).content.decode()
    assert "Modtaget efter fristen" in html
    assert "registreret af" in html


def test_the_register_form_does_not_offer_staff_their_own_details(process, staff_client):
    """Staff type the contributor's name and address: no autofill with the staff's own."""
    html = staff_client.get(reverse("staff:contributions:register", args=[process.pk])).content
    for name in ("name", "email", "on_behalf_of"):
        assert re.search(rf'<input[^>]*name="{name}"[^>]*autocomplete="off"', html.decode()), name


def test_register_before_the_deadline_is_not_late(process, staff_client):
    url = reverse("staff:contributions:register", args=[process.pk])
    staff_client.post(url, _register_data(received_at="2026-03-31T23:59", source="meeting"))
    contribution = Contribution.objects.get()
    assert not contribution.after_deadline
    assert contribution.source == Source.MEETING


def test_double_submit_registers_one_contribution(process, staff_client):
    url = reverse("staff:contributions:register", args=[process.pk])
    first = staff_client.post(url, _register_data())
    second = staff_client.post(url, _register_data())
    assert Contribution.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_register_with_an_attachment(process, staff_client):
    url = reverse("staff:contributions:register", args=[process.pk])
    png = SimpleUploadedFile("scanning.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    response = staff_client.post(url, {**_register_data(), "attachments": [png]})
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert [a.original_name for a in contribution.attachments.all()] == ["scanning.png"]
    assert contribution.flags.get().kind == "unscreened"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("source", "online", "Marker en gyldig valgmulighed"),
        ("source", "", "Dette felt er påkrævet."),
        ("text", "   ", "Skriv bidragets tekst."),
        ("received_at", "2099-01-01T10:00", "kan ikke ligge i fremtiden"),
        ("received_at", "i går", "Indtast gyldig dato/tid."),
        ("email", "ikke-en-adresse", "Skriv e-mailadressen sådan her: navn@eksempel.dk"),
        ("consent", "", "Vælg, om bidraget må offentliggøres."),
    ],
)
def test_register_refuses_bad_input_next_to_the_field(process, staff_client, field, value, message):
    url = reverse("staff:contributions:register", args=[process.pk])
    response = staff_client.post(url, _register_data(**{field: value}))
    assert response.status_code == 422
    assert Contribution.objects.count() == 0
    html = response.content.decode()
    assert f'id="group-id_{field}"' in html
    assert message in " ".join(response.context["form"].errors[field])


def test_register_refuses_another_process_activity(process, staff, staff_client):
    foreign = ActivityFactory(process=hearing_process(staff))
    url = reverse("staff:contributions:register", args=[process.pk])
    response = staff_client.post(url, _register_data(activity=foreign.pk))
    assert response.status_code == 422
    assert "activity" in response.context["form"].errors
    assert Contribution.objects.count() == 0


def test_register_refuses_a_disguised_file_and_saves_nothing(process, staff_client):
    url = reverse("staff:contributions:register", args=[process.pk])
    fake = SimpleUploadedFile("brev.pdf", b"MZ\x90\x00" + b"\0" * 200)
    response = staff_client.post(url, {**_register_data(), "attachments": [fake]})
    assert response.status_code == 422
    assert "ikke en filtype" in " ".join(response.context["form"].errors["attachments"])
    assert Contribution.objects.count() == 0
    # The corrected form can be sent with the same token.
    assert staff_client.post(url, _register_data()).status_code == 302
    assert Contribution.objects.count() == 1


def test_register_is_also_possible_for_a_process_that_is_closed(staff, staff_client):
    process = ProcessFactory(responsible=staff, centre=staff.centre, status="processing")
    url = reverse("staff:contributions:register", args=[process.pk])
    received = timezone.localtime() - datetime.timedelta(days=1)
    response = staff_client.post(
        url, _register_data(received_at=received.strftime("%Y-%m-%dT%H:%M"), source="email")
    )
    assert response.status_code == 302
    assert Contribution.objects.get().source == Source.EMAIL
