"""The personal invitation link: prefilled form, the contribution tied to that stakeholder only,
internal contributions never public (issue 5, §2 and §4)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inddrag.contributions.models import Contribution
from inddrag.stakeholders.models import Stakeholder
from inddrag.stakeholders.services import SESSION_KEY
from tests.factories.contributions import open_hearing
from tests.factories.stakeholders import StakeholderFactory, accepted, invite

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    process, _activity = open_hearing(title="Ny ældrepolitik")
    return process


@pytest.fixture
def council():
    return StakeholderFactory(
        name="Seniorrådet",
        type=Stakeholder.Type.COUNCIL,
        contact_name="Karen Holm",
        email="seniorraadet@ballerup.example",
    )


def page(client, process) -> str:
    return client.get(reverse("processes:detail", args=[process.pk])).content.decode()


def post(client, process, **fields):
    html = page(client, process)
    data = {
        "text": "Seniorrådet ønsker flere bænke.",
        "speaking_as": "council",
        "consent": "name",
        "name": "Karen Holm",
        "email": "seniorraadet@ballerup.example",
        "form_token": re.search(r'name="form_token" value="([^"]+)"', html).group(1),
        **fields,
    }
    return client.post(reverse("contributions:submit", args=[process.pk]), data)


def test_unknown_token_is_a_404(client):
    assert client.get("/invitation/ikke-et-rigtigt-token-1234567890/").status_code == 404
    assert client.get("/invitation/" + "x" * 150 + "/").status_code == 404


def test_the_link_opens_the_form_filled_in(client, process, council):
    _entry, token = invite(process, council)
    response = client.get(f"/invitation/{token}/")
    assert response.status_code == 302
    assert response["Location"] == process.get_absolute_url() + "#send-bidrag"
    html = page(client, process)
    assert 'value="Seniorrådet"' in html
    assert re.search(r'<input[^>]*name="on_behalf_of"[^>]*disabled', html)
    assert 'value="Karen Holm"' in html
    assert 'value="seniorraadet@ballerup.example"' in html
    assert re.search(r'value="council"[^>]*checked', html)
    assert "Internt bidrag" not in html  # a council is not internal


def test_the_contribution_is_tied_to_that_stakeholder_only(client, process, council):
    other = StakeholderFactory(name="Handicaprådet", type=Stakeholder.Type.COUNCIL)
    _entry, token = invite(process, council)
    other_entry = accepted(process, other)
    client.get(f"/invitation/{token}/")
    # Forged fields: another stakeholder, another entry, another name to speak for.
    response = post(
        client,
        process,
        stakeholder=str(other.pk),
        entry=str(other_entry.pk),
        on_behalf_of="Handicaprådet",
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.stakeholder == council
    assert contribution.on_behalf_of == "Seniorrådet"


def test_without_the_link_nothing_is_tied(client, process, council):
    invite(process, council)
    post(client, process, stakeholder=str(council.pk), on_behalf_of="Seniorrådet")
    assert Contribution.objects.get().stakeholder is None


def test_a_link_for_one_process_does_not_carry_over_to_another(client, process, council):
    other_process, _ = open_hearing(title="Andet forløb")
    entry, token = invite(process, council)
    client.get(f"/invitation/{token}/")
    post(client, other_process)
    assert Contribution.objects.get().stakeholder is None
    # Nor does an entry of another process placed in the session under this process.
    session = client.session
    session[SESSION_KEY] = {str(other_process.pk): entry.pk}
    session.save()
    post(client, other_process, text="Endnu et bidrag.")
    assert not Contribution.objects.filter(stakeholder__isnull=False).exists()


def test_a_stakeholder_taken_off_the_list_loses_the_link(client, process, council):
    entry, token = invite(process, council)
    entry.state = "dismissed"
    entry.save()
    assert client.get(f"/invitation/{token}/").status_code == 404


def test_an_internal_contribution_is_never_public(client, process):
    discipline = StakeholderFactory(
        name="Faggruppen for ældrepleje", type=Stakeholder.Type.DISCIPLINE
    )
    _entry, token = invite(process, discipline)
    client.get(f"/invitation/{token}/")
    html = page(client, process)
    assert "Internt bidrag — offentliggøres aldrig" in html
    response = post(client, process, internal="on", consent="")
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.internal is True
    assert contribution.stakeholder == discipline
    assert contribution.publication == Contribution.Publication.PRIVATE
    receipt = client.get(response["Location"]).content.decode()
    assert "Du har markeret dit bidrag som internt" in receipt
    api = client.get(f"/api/v1/processes/{process.pk}/contributions").json()
    assert api["items"] == [] if isinstance(api, dict) else api == []


def test_only_internal_stakeholders_can_mark_internal(client, process, council):
    _entry, token = invite(process, council)
    client.get(f"/invitation/{token}/")
    post(client, process, internal="on")
    assert Contribution.objects.get().internal is False


def test_a_closed_process_shows_the_closed_message(client, process, council):
    _entry, token = invite(process, council)
    process.activities.update(
        starts_at=timezone.now() - datetime.timedelta(days=10),
        ends_at=timezone.now() - datetime.timedelta(days=1),
    )
    response = client.get(f"/invitation/{token}/", follow=True)
    html = response.content.decode()
    assert "Fristen var" in html
    assert 'name="on_behalf_of"' not in html


def test_an_opened_link_does_not_leak_to_other_visitors(process, council):
    _entry, token = invite(process, council)
    Client().get(f"/invitation/{token}/")
    assert "Karen Holm" not in page(Client(), process)
