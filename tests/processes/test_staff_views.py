"""Staff create and edit processes; bad input gets a message next to the field and saves nothing."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from inddrag.audit.models import AccessLog
from inddrag.processes.models import Activity, FrameItem, Milestone, Phase, Process
from tests.factories import (
    ActivityFactory,
    DecisionBodyFactory,
    DistrictFactory,
    MilestoneFactory,
    PhaseFactory,
    ProcessFactory,
    StaffFactory,
    complete_project,
)
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db


def _process_data(staff, **overrides) -> dict:
    data = {
        "title": "Ny cykelsti langs Ballerup Boulevard",
        "summary": "Vi vil gerne høre, hvor cykelstien skal ligge.",
        "how_to_take_part": "Kom til borgermødet eller skriv til os.",
        "centre": staff.centre_id,
        "responsible": staff.pk,
        "influence_level": "consult",
        "proportionality": "standard",
        "districts": [DistrictFactory(name="Skovlunde").pk],
        "target_groups": ["citizens", "employees"],
        "esdh_reference": "2026-004512",
        "kle_number": "05.01.02",
        "planned_hours": "60",
        "used_hours": "0",
    }
    data.update(overrides)
    return data


def test_create_process(staff, staff_client):
    response = staff_client.post(reverse("staff:processes:create"), _process_data(staff))
    process = Process.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:processes:edit", args=[process.pk])
    assert process.status == Process.Status.DRAFT
    assert sorted(process.target_group_codes()) == ["citizens", "employees"]
    assert AccessLog.objects.filter(object_id=process.pk, action="change").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "   ", "Dette felt er påkrævet."),
        ("kle_number", "1.2.3", "Et KLE-nummer"),
        ("esdh_reference", "<script>", "ESDH"),
        ("planned_hours", "-5", "større end eller lig 0"),
        ("centre", "999999", "Marker en gyldig valgmulighed"),
        ("responsible", "999999", "Marker en gyldig valgmulighed"),
    ],
)
def test_create_rejects_bad_input_in_danish_next_to_the_field(
    staff, staff_client, field, value, message
):
    response = staff_client.post(
        reverse("staff:processes:create"), _process_data(staff, **{field: value})
    )
    assert response.status_code == 200
    assert Process.objects.count() == 0
    form = response.context["form"]
    assert field in form.errors
    html = response.content.decode()
    assert f'id="group-id_{field}"' in html
    assert "form-error-message" in html
    assert any(message in e for e in form.errors[field]) or message in html


def test_responsible_must_be_staff(staff, staff_client, citizen):
    response = staff_client.post(
        reverse("staff:processes:create"), _process_data(staff, responsible=citizen.pk)
    )
    assert "responsible" in response.context["form"].errors
    assert Process.objects.count() == 0


def test_edit_details_and_keep_target_groups(staff, staff_client):
    process = complete_project(responsible=staff, centre=staff.centre)
    data = _process_data(staff, title="Nyt navn", target_groups=["citizens", "councils"])
    response = staff_client.post(reverse("staff:processes:edit", args=[process.pk]), data)
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.title == "Nyt navn"
    assert sorted(process.target_group_codes()) == ["citizens", "councils"]


def test_invalid_edit_changes_nothing(staff, staff_client):
    process = complete_project(responsible=staff, centre=staff.centre)
    data = _process_data(staff, title="", target_groups=["boards"])
    response = staff_client.post(reverse("staff:processes:edit", args=[process.pk]), data)
    assert response.status_code == 422
    process.refresh_from_db()
    assert process.title.startswith("Lokalplan")
    assert sorted(process.target_group_codes()) == ["citizens", "employees"]


def test_script_in_text_is_shown_as_text(staff, staff_client):
    process = ProcessFactory(
        responsible=staff,
        centre=staff.centre,
        status=Process.Status.PUBLISHED,
        title='<script>alert("x")</script>',
    )
    url = reverse("staff:processes:row_add", args=[process.pk, "ramme"])
    staff_client.post(url, {"kind": "open", "text": "<img src=x onerror=alert(1)>"})
    html = staff_client.get(reverse("processes:detail", args=[process.pk])).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


# --- Inline sections --------------------------------------------------------------------------


@pytest.fixture
def own(staff):
    return ProcessFactory(responsible=staff, centre=staff.centre)


def test_add_frame_item_with_htmx_returns_the_section_and_checks(own, staff_client):
    url = reverse("staff:processes:row_add", args=[own.pk, "ramme"])
    response = staff_client.post(
        url, {"kind": "open", "text": "Legepladsens placering"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="ramme"' in html
    assert "Legepladsens placering" in html
    assert 'id="checks-panel"' in html and 'hx-swap-oob="true"' in html
    assert own.frame_items.count() == 1


def test_fixed_frame_item_without_reason_is_refused(own, staff_client):
    url = reverse("staff:processes:row_add", args=[own.pk, "ramme"])
    response = staff_client.post(
        url, {"kind": "fixed", "text": "Bygningshøjden", "reason": " "}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "Forklar, hvorfor" in response.content.decode()
    assert own.frame_items.count() == 0


def test_without_javascript_errors_render_the_whole_page(own, staff_client):
    url = reverse("staff:processes:row_add", args=[own.pk, "ramme"])
    response = staff_client.post(url, {"kind": "fixed", "text": "Bygningshøjden"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "<html" in html and "form-error-message" in html
    ok = staff_client.post(url, {"kind": "open", "text": "Stiens forløb"})
    assert ok.status_code == 302
    assert ok["Location"].endswith("#ramme")


def test_phase_cannot_end_before_it_starts(own, staff_client):
    url = reverse("staff:processes:row_add", args=[own.pk, "faser"])
    response = staff_client.post(
        url,
        {"title": "Idéfase", "starts_on": "2027-03-10", "ends_on": "2027-03-09"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "Fasen kan ikke slutte, før den begynder." in response.content.decode()
    assert Phase.objects.count() == 0


def _activity(**overrides) -> dict:
    data = {
        "title": "Borgermøde i Skovlunde",
        "method": "public_meeting",
        "starts_at": "2027-03-10T19:00",
        "ends_at": "2027-03-10T21:00",
        "location": "Skovlunde Kulturhus",
        "online_url": "",
        "hearing_type": "",
        "description": "",
    }
    data.update(overrides)
    return data


def test_activity_times_are_danish_and_stored_in_utc(own, staff_client):
    url = reverse("staff:processes:row_add", args=[own.pk, "aktiviteter"])
    staff_client.post(url, _activity(), HTTP_HX_REQUEST="true")
    activity = Activity.objects.get()
    assert activity.starts_at == datetime.datetime(2027, 3, 10, 18, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"ends_at": "2027-03-10T19:00"},
            "ends_at",
            "Aktiviteten skal slutte, efter den begynder.",
        ),
        (
            {"ends_at": "2027-03-10T18:59"},
            "ends_at",
            "Aktiviteten skal slutte, efter den begynder.",
        ),
        ({"hearing_type": "local_plan"}, "hearing_type", "Kun en høring"),
        (
            {"location": "", "online_url": "", "method": "public_meeting"},
            "location",
            "Angiv, hvor det foregår",
        ),
        ({"starts_at": "i morgen"}, "starts_at", "Indtast gyldig dato/tid."),
        ({"method": "exe"}, "method", "Marker en gyldig valgmulighed"),
        ({"online_url": "javascript:alert(1)"}, "online_url", "Indtast en gyldig URL."),
        ({"starts_at": "2027-03-28T02:30"}, "starts_at", "tidszonen"),
    ],
)
def test_activity_bad_input(own, staff_client, overrides, field, message):
    url = reverse("staff:processes:row_add", args=[own.pk, "aktiviteter"])
    response = staff_client.post(url, _activity(**overrides), HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert any(message in str(e) for e in form.errors[field]), form.errors[field]
    assert Activity.objects.count() == 0


def test_another_process_phase_or_milestone_is_refused(own, staff_client):
    foreign_phase = PhaseFactory()
    foreign_milestone = MilestoneFactory()
    url = reverse("staff:processes:row_add", args=[own.pk, "aktiviteter"])
    response = staff_client.post(
        url,
        _activity(phase=foreign_phase.pk, feeds_milestone=foreign_milestone.pk),
        HTTP_HX_REQUEST="true",
    )
    errors = response.context["form"].errors
    assert "phase" in errors and "feeds_milestone" in errors
    assert Activity.objects.count() == 0


def test_activity_cannot_end_after_the_decision_it_feeds(own, staff_client):
    milestone = MilestoneFactory(process=own, meeting_date=datetime.date(2027, 3, 10))
    url = reverse("staff:processes:row_add", args=[own.pk, "aktiviteter"])
    response = staff_client.post(
        url, _activity(feeds_milestone=milestone.pk), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "Beslutningen træffes" in response.content.decode()


def test_milestone_cannot_move_before_the_activities_that_feed_it(own, staff_client):
    milestone = MilestoneFactory(process=own, meeting_date=datetime.date(2027, 4, 1))
    own.activities.create(
        title="Høring",
        method="hearing",
        location="Rådhuset",
        starts_at=datetime.datetime(2027, 3, 1, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 3, 20, tzinfo=datetime.UTC),
        feeds_milestone=milestone,
    )
    url = reverse("staff:processes:row_edit", args=[own.pk, "milepaele", milestone.pk])
    response = staff_client.post(
        url,
        {"body": milestone.body_id, "meeting_date": "2027-03-15", "decides": "Vedtagelse"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    milestone.refresh_from_db()
    assert milestone.meeting_date == datetime.date(2027, 4, 1)


def test_add_milestone_and_edit_and_delete_rows(own, staff_client):
    body = DecisionBodyFactory(name="Teknik- og Miljøudvalget")
    add = reverse("staff:processes:row_add", args=[own.pk, "milepaele"])
    staff_client.post(add, {"body": body.pk, "meeting_date": "2027-06-01", "decides": "Forslag"})
    milestone = Milestone.objects.get()
    edit = reverse("staff:processes:row_edit", args=[own.pk, "milepaele", milestone.pk])
    assert staff_client.get(edit, HTTP_HX_REQUEST="true").status_code == 200
    assert staff_client.get(edit).status_code == 200
    staff_client.post(edit, {"body": body.pk, "meeting_date": "2027-06-08", "decides": "Endelig"})
    milestone.refresh_from_db()
    assert milestone.decides == "Endelig"
    delete = reverse("staff:processes:row_delete", args=[own.pk, "milepaele", milestone.pk])
    assert staff_client.get(delete).status_code == 405
    assert staff_client.post(delete, HTTP_HX_REQUEST="true").status_code == 200
    assert Milestone.objects.count() == 0


def test_rows_of_another_process_are_404(own, staff_client, staff):
    other = ProcessFactory(responsible=staff, centre=staff.centre)
    item = FrameItem.objects.create(process=other, kind="open", text="x")
    url = reverse("staff:processes:row_edit", args=[own.pk, "ramme", item.pk])
    assert staff_client.get(url).status_code == 404
    assert (
        staff_client.post(
            reverse("staff:processes:row_delete", args=[own.pk, "ramme", item.pk])
        ).status_code
        == 404
    )
    assert (
        staff_client.get(
            reverse("staff:processes:row_edit", args=[own.pk, "ukendt", 1])
        ).status_code
        == 404
    )


# --- Status ------------------------------------------------------------------------------------


def test_publishing_with_blockers_is_refused_with_the_list(own, staff_client):
    response = staff_client.post(
        reverse("staff:processes:status", args=[own.pk]), {"status": "published"}, follow=True
    )
    own.refresh_from_db()
    assert own.status == Process.Status.DRAFT
    html = response.content.decode()
    assert "kan ikke offentliggøres" in html
    assert "Tilføj mindst ét" in html


def test_publishing_a_complete_process(staff, staff_client):
    process = complete_project(responsible=staff, centre=staff.centre)
    staff_client.post(reverse("staff:processes:status", args=[process.pk]), {"status": "published"})
    process.refresh_from_db()
    assert process.status == Process.Status.PUBLISHED
    assert process.published_at is not None
    assert AccessLog.objects.filter(action="transition", object_id=process.pk).exists()


def test_invalid_transition_is_refused(staff, staff_client):
    process = complete_project(responsible=staff, centre=staff.centre)
    staff_client.post(reverse("staff:processes:status", args=[process.pk]), {"status": "decided"})
    staff_client.post(reverse("staff:processes:status", args=[process.pk]), {"status": "nonsense"})
    process.refresh_from_db()
    assert process.status == Process.Status.DRAFT


def test_dashboard_lists_processes_with_check_status(
    staff, staff_client, django_assert_max_num_queries
):
    complete_project(responsible=staff, centre=staff.centre)
    ProcessFactory(responsible=staff, centre=staff.centre, influence_level="")
    ProcessFactory()  # someone else's
    response = staff_client.get(reverse("staff:dashboard"))
    rows = response.context["rows"]
    assert len(rows) == 2
    assert {r.worst for r in rows} == {"ok", "blocker"}
    assert rows[0].worst == "blocker"  # what needs doing first comes first


@pytest.mark.parametrize("rows", [1, 50])
def test_dashboard_query_count_does_not_grow(staff, staff_client, django_assert_num_queries, rows):
    processes = [complete_project(responsible=staff, centre=staff.centre) for _ in range(rows)]
    response = assert_queries(
        django_assert_num_queries,
        12,  # with the processes handed over by the staff member (one query)
        lambda: staff_client.get(reverse("staff:dashboard")),
        shows=[processes[-1].title, reverse("staff:processes:edit", args=[processes[-1].pk])],
    )
    assert len(response.context["rows"]) == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_edit_page_query_count_does_not_grow(staff, staff_client, django_assert_num_queries, rows):
    process = complete_project(responsible=staff, centre=staff.centre)
    for n in range(rows):
        FrameItem.objects.create(process=process, kind="open", text=f"Punkt {n}")
        phase = PhaseFactory(process=process)
        milestone = MilestoneFactory(
            process=process, body=DecisionBodyFactory(name=f"Udvalg nr. {n}")
        )
        ActivityFactory(process=process, phase=phase, feeds_milestone=milestone)
    assert_queries(
        django_assert_num_queries,
        18,
        lambda: staff_client.get(reverse("staff:processes:edit", args=[process.pk])),
        shows=[f"Punkt {rows - 1}", f"Udvalg nr. {rows - 1}"],
    )


def test_other_staff_member_of_same_centre_may_edit(staff):
    process = complete_project(responsible=staff, centre=staff.centre)
    colleague = StaffFactory(centre=staff.centre)
    from django.test import Client

    client = Client()
    client.force_login(colleague)
    assert client.get(reverse("staff:processes:edit", args=[process.pk])).status_code == 200


def test_double_submit_of_create_makes_one_process(staff, staff_client):
    page = staff_client.get(reverse("staff:processes:create"))
    token = page.context["form_token"]
    data = {**_process_data(staff), "form_token": token}
    first = staff_client.post(reverse("staff:processes:create"), data)
    second = staff_client.post(reverse("staff:processes:create"), data)
    assert Process.objects.count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]


def test_invalid_first_post_releases_the_token(staff, staff_client):
    token = staff_client.get(reverse("staff:processes:create")).context["form_token"]
    staff_client.post(
        reverse("staff:processes:create"), {**_process_data(staff, title=""), "form_token": token}
    )
    staff_client.post(
        reverse("staff:processes:create"), {**_process_data(staff), "form_token": token}
    )
    assert Process.objects.count() == 1


def test_double_submit_of_a_row_adds_it_once(own, staff_client):
    token = "same-token-from-one-form"
    url = reverse("staff:processes:row_add", args=[own.pk, "ramme"])
    for _ in range(2):
        response = staff_client.post(
            url,
            {"kind": "open", "text": "Stiens forløb", "form_token": token},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200
    assert own.frame_items.count() == 1
