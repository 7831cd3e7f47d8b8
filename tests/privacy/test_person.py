"""Everything held about a person: the search, the export (art. 15), the erasure (art. 17) —
only for staff with the data protection permission, every step in the access log."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from inddrag.audit.models import AccessLog
from inddrag.contributions.models import Contribution
from inddrag.notifications.models import Notification
from inddrag.privacy.models import RetentionRun
from inddrag.processes.models import Process
from tests.factories import ProcessFactory, StaffFactory, UserFactory
from tests.factories.contributions import (
    AnswerFactory,
    ContributionFactory,
    PublishedContributionFactory,
    attach,
)
from tests.factories.stakeholders import StakeholderFactory
from tests.permissions import ALLOWED, LOGIN, assert_access, get, post
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

EMAIL = "karen@example.dk"
SEARCH = reverse("staff:privacy:search")
EXPORT = reverse("staff:privacy:export")
ERASE = reverse("staff:privacy:erase")


def officer():
    user = StaffFactory()
    user.user_permissions.add(Permission.objects.get(codename="handle_personal_data"))
    return user


@pytest.fixture
def dpo(client):
    user = officer()
    client.force_login(user)
    return user


def karen():
    """A citizen with a published and an unpublished contribution, an e-mail, an account in a
    case, and a stakeholder she is the contact person of."""
    published = PublishedContributionFactory(
        email=EMAIL,
        name="Karen Holt",
        text="Mit cpr er 010203-1234. Flere bænke.",
        published_text="Mit cpr er [skjult]. Flere bænke.",
    )
    AnswerFactory(contribution=published, reason="Vi sætter bænke op.")
    private = ContributionFactory(
        email=EMAIL.upper(), name="Karen Holt", publication=Contribution.Publication.PRIVATE
    )
    attach(private, "brev.pdf", b"%PDF-1.4 Karens brev")
    Notification.objects.create(
        kind="receipt",
        to=EMAIL,
        subject="Kvittering",
        body="Hej Karen",
        status="sent",
        about_type=ContentType.objects.get_for_model(Contribution),
        about_id=private.pk,
    )
    account = UserFactory(email=EMAIL)
    case = ProcessFactory(kind=Process.Kind.CASE, status=Process.Status.OPEN)
    case.participants.add(account)
    stakeholder = StakeholderFactory(email=EMAIL, contact_name="Karen Holt", phone="11223344")
    return published, private, account, case, stakeholder


def test_the_pages_are_only_for_staff_with_the_permission():
    karen()
    calls = [
        get(SEARCH),
        post(SEARCH, {"email": EMAIL}),
        post(EXPORT, {"email": EMAIL}),
        post(ERASE, {"email": EMAIL}),
        post(ERASE, {"email": EMAIL, "confirm": "yes"}),
    ]
    superuser = StaffFactory(is_superuser=True)
    users = {
        "anonymous": None,
        "citizen": UserFactory(),
        "staff": StaffFactory(),
        "django staff": StaffFactory(is_staff=True),
        "data protection": officer(),
        "superuser": superuser,
    }
    expected = {
        "anonymous": LOGIN,
        "citizen": 404,
        "staff": 404,
        "django staff": 404,
        "data protection": ALLOWED,
        "superuser": ALLOWED,
    }
    assert_access(calls, expected, users)
    # Nothing was erased by the refused calls (each cell is rolled back in any case).
    assert Contribution.objects.filter(email__iexact=EMAIL).count() == 2


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Skriv en e-mailadresse eller et brugernavn."),
        ({"email": "ikke-en-adresse"}, "Skriv en e-mailadresse, fx navn@example.dk."),
        ({"username": "findes-ikke"}, "Der er ingen bruger med det brugernavn."),
    ],
)
def test_the_search_is_validated_in_danish(client, dpo, data, error):
    response = client.post(SEARCH, data)
    assert response.status_code == 422
    assert error in response.content.decode()
    assert not AccessLog.objects.exists()


def test_the_search_finds_every_kind_and_logs_each_record_without_the_address(client, dpo):
    published, private, account, case, stakeholder = karen()
    response = client.post(SEARCH, {"email": EMAIL})
    page = response.content.decode()
    assert response.status_code == 200
    for text in (published.receipt_number, private.receipt_number, "Kvittering", case.title):
        assert text in page
    assert stakeholder.name in page and account.username in page
    logged = set(AccessLog.objects.values_list("object_type", "object_id"))
    assert logged == {
        ("contributions.contribution", published.pk),
        ("contributions.contribution", private.pk),
        ("notifications.notification", Notification.objects.get().pk),
        ("stakeholders.stakeholder", stakeholder.pk),
        ("accounts.user", account.pk),
        ("processes.process", case.pk),
    }
    assert not AccessLog.objects.filter(detail__icontains="example.dk").exists()


def test_a_search_by_account_and_one_that_finds_nothing(client, dpo):
    _, _, account, case, _ = karen()
    page = client.post(SEARCH, {"username": account.username.upper()}).content.decode()
    assert case.title in page and "Karen Holt" not in page.split("<h1")[0]
    response = client.post(SEARCH, {"email": "ingen@example.dk"})
    assert "Der findes intet om denne person." in response.content.decode()
    assert AccessLog.objects.filter(object_type="accounts.user", object_id=dpo.pk).exists()


def test_the_export_holds_every_record_and_the_attachments(client, dpo):
    published, private, account, case, _stakeholder = karen()
    response = client.post(EXPORT, {"email": EMAIL})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    receipts = {c["receipt_number"]: c for c in data["contributions"]}
    assert set(receipts) == {published.receipt_number, private.receipt_number}
    assert receipts[published.receipt_number]["text"] == "Mit cpr er 010203-1234. Flere bænke."
    assert receipts[published.receipt_number]["answer"]["reason"] == "Vi sætter bænke op."
    attachment = receipts[private.receipt_number]["attachments"][0]
    assert archive.read(attachment["file"]) == b"%PDF-1.4 Karens brev"
    assert data["emails"][0]["body"] == "Hej Karen"
    assert data["stakeholder_contacts"][0]["phone"] == "11223344"
    assert data["accounts"][0]["username"] == account.username
    assert data["cases"] == [{"title": case.title, "status": "open"}]
    assert AccessLog.objects.filter(
        detail="exported to the person (GDPR art. 15)", object_id=published.pk
    ).exists()


def test_the_erase_asks_first_then_anonymises_and_keeps_the_public_record(client, dpo):
    published, private, account, case, stakeholder = karen()
    confirm = client.post(ERASE, {"email": EMAIL}).content.decode()
    assert "Hvad der skal gemmes, og hvorfor" in confirm
    assert "offentlige grundlag for en politisk beslutning" in confirm
    assert Contribution.objects.get(pk=published.pk).name == "Karen Holt"  # nothing yet
    response = client.post(ERASE, {"email": EMAIL, "confirm": "yes"})
    assert response.status_code == 302
    published.refresh_from_db()
    private.refresh_from_db()
    account.refresh_from_db()
    stakeholder.refresh_from_db()
    assert published.text == "Mit cpr er [skjult]. Flere bænke."
    assert published.answer.reason == "Vi sætter bænke op."
    assert published.name == published.email == private.email == private.text == ""
    assert not private.attachments.exists()
    assert Notification.objects.get().to == ""
    assert (stakeholder.contact_name, stakeholder.email, stakeholder.phone) == ("", "", "")
    assert not account.is_active and account.email == "" and not account.has_usable_password()
    assert not case.participants.exists()
    run = RetentionRun.objects.get()
    assert run.trigger == "erasure" and run.by == dpo and run.counts["contributions"] == 2
    assert (
        AccessLog.objects.filter(action="change", detail="erased on request (GDPR art. 17)").count()
        == 6
    )
    # The staff page of the contribution now says so.
    assert client.post(SEARCH, {"email": EMAIL}).status_code == 200


def test_a_staff_account_is_kept(client, dpo):
    colleague = StaffFactory(email=EMAIL)
    client.post(ERASE, {"email": EMAIL, "confirm": "yes"})
    colleague.refresh_from_db()
    assert colleague.is_active and colleague.email == EMAIL


def test_the_search_page_runs_the_same_queries_however_much_is_found(
    client, dpo, django_assert_num_queries
):
    def grow(n: int) -> str:
        for _ in range(n):
            contribution = ContributionFactory(email=EMAIL)
            attach(contribution)
        return contribution.receipt_number

    assert_constant_queries(
        django_assert_num_queries, lambda: client.post(SEARCH, {"email": EMAIL}), grow, 11
    )


def test_the_demo_contributor_is_found(client, dpo):
    call_command("seed_demo", stdout=io.StringIO())
    response = client.post(SEARCH, {"email": "borger1@ballerup.example"})
    found = response.context["records"]
    assert response.status_code == 200 and len(found.contributions) >= 2
    assert found.notifications  # the receipts and answers sent to the address


def test_access_to_cases_is_found_exported_and_ended_on_erasure(client, dpo):
    from inddrag.cases.models import CaseGrant
    from tests.factories.cases import open_case

    relative = UserFactory(email=EMAIL)
    case = open_case(title="Hjælp til Karens mor")
    grant = CaseGrant.objects.create(
        case=case,
        person=relative,
        level="see",
        basis="citizen",
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
        granted_by=case.citizen,
    )
    given = CaseGrant.objects.create(
        case=open_case(citizen=relative),
        person=UserFactory(),
        level="write",
        basis="citizen",
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
        granted_by=relative,
    )
    page = client.post(SEARCH, {"email": EMAIL}).content.decode()
    assert "Hjælp til Karens mor" in page
    assert AccessLog.objects.filter(object_type="cases.casegrant", object_id=grant.pk).exists()
    archive = zipfile.ZipFile(io.BytesIO(client.post(EXPORT, {"email": EMAIL}).content))
    exported = json.loads(archive.read("data.json"))["access_to_cases"]
    assert {row["case"] for row in exported} == {"Hjælp til Karens mor", "Badebænk"}
    client.post(ERASE, {"email": EMAIL, "confirm": "yes"})
    grant.refresh_from_db()
    given.refresh_from_db()
    assert grant.withdrawn_at is not None and grant.withdrawn_by == dpo  # the access has ended
    assert given.withdrawn_at is None  # what the person gave another stays the case's record
    assert RetentionRun.objects.get().counts["case_grants"] == 1
