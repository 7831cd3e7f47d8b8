"""Nothing leaks: every role × every URL × every method, against a world full of canaries.

The world: four processes — a public project (open), a draft project of the same centre, a
citizen's case (kind "case", same centre, with a citizen and a caseworker of another centre
taking part), and a draft project of another centre — each with everything its pages take: a
published contribution whose CPR number was redacted (with an attachment and an unpublished
answer draft), a held-back contribution (a phone number flagged; the contributor's name and
e-mail; an attachment), a published and an unpublished hearing memo, a memo topic, a document
with a published hearing version and an unpublished final version and a change between them,
a phase, activity, milestone and frame items, and a stakeholder with contact details on its
hearing list (invited, with a personal link, on the public project). Every secret in it is a
unique token, a *canary*: the titles of the draft, the other centre's draft and the case, the
unpublished texts, the contributors' names, e-mails and phone numbers, the unredacted CPR
numbers, the answer drafts, the files of unpublished memos and held-back attachments, the
unpublished document version, the stakeholder's contact details, and the secret links
(receipts, the invitation), which no page may ever show.

The roles: anonymous, a citizen (holding a grant to the case that expired yesterday: a relative
without access), the citizen taking part in the case, staff of another centre, staff of the
projects' centre, the caseworker taking part in the case, the privacy officer (permission
``privacy.handle_personal_data``), a superuser (the admin), a relative with an active grant
(see only) and a professional added to the case as school (never the messages or documents).

The URLs: every URL pattern of the site read from the resolver (the public pages, the staff
pages, the API under /api/v1/, the privacy pages, the accounts and the information pages; of
the Django admin its index and the lists of the models with personal data), each filled in with
the ids of every process's objects — so each role is tried with the ids of what it may not see —
and, where a URL names both a process and an object, with one process's pk and another
process's object. Only the logout and the language switch are left out (``SKIPPED``).

The methods: GET, HEAD, POST (an empty body; the test client does not check CSRF tokens, so the
POST reaches the view), PUT and DELETE.

A cell fails when the response (its body — files unzipped and PDF streams inflated — or its
headers, a redirect's Location too) holds a canary the role may not see (``MAY_SEE``); when the
request wrote to the database (rows inserted, updated or deleted, read from every SQL statement
it ran) and the role may not change what the URL names (``writers``); or on a 5xx or an
exception. Each cell runs in a savepoint rolled back afterwards, so cells do not affect each
other, and the database is checked to be the same after the whole matrix.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import re
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from inddrag.accounts.models import User
from inddrag.cases.models import (
    CaseGrant,
    CaseMeeting,
    CaseMessage,
    CaseMessageFile,
    CaseProfessional,
    MeetingKind,
)
from inddrag.contributions import services as contribution_services
from inddrag.contributions.models import Answer, Consent, Contribution, Flag, Source, SpeakingAs
from inddrag.documents.diff import compare
from inddrag.documents.importers import blocks_from_text
from inddrag.documents.models import DocumentVersion
from inddrag.lib.calendar import local_date
from inddrag.memos.models import Memo, MemoTopic
from inddrag.processes.models import Process
from inddrag.stakeholders.models import HearingDuty
from inddrag.stakeholders.services import invitation_token, send_invitations
from tests.audit.test_coverage import ADMIN_PERSONAL_DATA
from tests.factories import (
    CentreFactory,
    PhaseFactory,
    StaffFactory,
    UserFactory,
    complete_project,
    cph,
)
from tests.factories.cases import case_file_for
from tests.factories.contributions import attach
from tests.factories.documents import DocumentFactory, VersionFactory
from tests.factories.stakeholders import StakeholderFactory, accepted

pytestmark = pytest.mark.django_db

METHODS = ("get", "head", "post", "put", "delete")

# Left out of the walk, with the reason.
SKIPPED = {
    "accounts:logout": "ends the session each role's client is logged in with",
    "set_language": "sets the language cookie; shows and changes no data",
    # Evaluation rounds are of no process and hold no citizen's data (personal data is refused
    # in the assessments' texts); who may read and write each: tests/evaluation/test_rounds.py.
    "evaluation:rounds": "the published rounds: no citizen's data",
    "evaluation:round": "a published round: council-level figures over the threshold",
    "staff:evaluation:rounds": "rounds: no citizen's data (tests/evaluation/test_rounds.py)",
    "staff:evaluation:round": "a round: no citizen's data (tests/evaluation/test_rounds.py)",
    "staff:evaluation:round_create": "managers only (tests/evaluation/test_rounds.py)",
    "staff:evaluation:round_edit": "managers only (tests/evaluation/test_rounds.py)",
    "staff:evaluation:round_publish": "managers only (tests/evaluation/test_rounds.py)",
    "staff:evaluation:assessment": "no citizen's data (tests/evaluation/test_rounds.py)",
    "staff:evaluation:round_report": "no citizen's data (tests/evaluation/test_reports.py)",
    "staff:evaluation:assessment_report": "no citizen's data (tests/evaluation/test_reports.py)",
    "staff:evaluation:report_progress": "no citizen's data (tests/evaluation/test_reports.py)",
    "staff:evaluation:report_download": "no citizen's data (tests/evaluation/test_reports.py)",
}

# The coverage may not shrink unnoticed: the cells tried, at least (measured minus a margin).
MIN_CELLS = 19_000

# --- Roles ----------------------------------------------------------------------------------------

ANONYMOUS = "anonymous"
CITIZEN = "citizen"
PARTICIPANT = "citizen taking part in the case"
OTHER_STAFF = "staff of another centre"
CENTRE_STAFF = "staff of the projects' centre"
CASEWORKER = "caseworker taking part in the case"
PRIVACY = "privacy officer"
SUPERUSER = "superuser"
RELATIVE = "relative with an active grant (see only) to the case"
PROFESSIONAL = "professional added to the case (school: frame, steps, what matters)"
ROLES = (
    ANONYMOUS,
    CITIZEN,
    PARTICIPANT,
    OTHER_STAFF,
    CENTRE_STAFF,
    CASEWORKER,
    PRIVACY,
    SUPERUSER,
    RELATIVE,
    PROFESSIONAL,
)
STAFF_ROLES = frozenset({OTHER_STAFF, CENTRE_STAFF, CASEWORKER, PRIVACY, SUPERUSER, PROFESSIONAL})
EVERYONE = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()

# The four processes, by tag: who may see and who may edit each.
PROJECT, DRAFT, CASE, OTHER_DRAFT = "p", "d", "c", "e"
VIEWERS = {
    PROJECT: EVERYONE,
    DRAFT: frozenset({CENTRE_STAFF}),
    CASE: frozenset({PARTICIPANT, CASEWORKER, RELATIVE, PROFESSIONAL}),
    OTHER_DRAFT: frozenset({OTHER_STAFF}),
}
EDITORS = {
    PROJECT: frozenset({CENTRE_STAFF}),
    DRAFT: frozenset({CENTRE_STAFF}),
    CASE: frozenset({CASEWORKER}),
    OTHER_DRAFT: frozenset({OTHER_STAFF}),
}

# Tables a request may write to whoever sends it: the session, the access log of reads (and the
# "change" entries a permitted write leaves), the login attempts (django-axes).
FREE_TABLES = ("django_session", "audit_accesslog", "axes_")


# --- Canaries -------------------------------------------------------------------------------------
# Each a token found nowhere else (lower case: the search ignores case).

CPR = {
    PROJECT: "150872-3317",
    DRAFT: "160972-3318",
    CASE: "170173-3319",
    OTHER_DRAFT: "180274-3320",
}
PHONE = {
    PROJECT: "31 41 59 26",
    DRAFT: "32 41 59 27",
    CASE: "33 41 59 28",
    OTHER_DRAFT: "34 41 59 29",
}
STAKEHOLDER_EMAIL = "qzkstakemail@forening.example"
STAKEHOLDER_PHONE = "45 86 20 13"
STAKEHOLDER_CONTACT = "qzkstakecontact"
PARTICIPANT_EMAIL = "qzkcitizenmail@example.dk"


def canary(tag: str, what: str) -> str:
    return f"qzk{tag}{what}"


def process_canaries(tag: str) -> dict[str, frozenset[str]]:
    """The canaries of one process and who may see each (the public project's published text,
    attachment, memo and hearing version are public, so not canaries)."""
    viewers, editors = VIEWERS[tag], EDITORS[tag]
    found = {
        canary(tag, "pending"): editors,  # a contribution held back for review
        canary(tag, "name"): editors,  # its contributor's name
        canary(tag, "mail"): editors,  # … e-mail
        PHONE[tag]: editors,  # … and phone number, in the text
        canary(tag, "attheld"): editors,  # its attachment
        CPR[tag]: editors,  # the unredacted original of a published contribution
        canary(tag, "answerdraft"): editors,  # an answer not published
        canary(tag, "memodraft"): editors,  # a hearing memo not published
        canary(tag, "docfinal"): editors,  # a document version not published
    }
    if tag != PROJECT:
        found[canary(tag, "title")] = viewers
        found[canary(tag, "pubtext")] = viewers
        found[canary(tag, "attpub")] = viewers
        found[canary(tag, "memopub")] = editors
        found[canary(tag, "dochearing")] = editors
    return found


# --- The world ------------------------------------------------------------------------------------

RECEIVED = cph(2026, 3, 10, 12, 0)
SLUGS = ("ramme", "faser", "aktiviteter", "milepaele")


@dataclass
class ProcessWorld:
    tag: str
    process: Process
    contributions: list[Contribution]  # [published, held back]
    tokens: list[str]  # their receipt links' secrets
    flags: list[Flag]  # one of each
    attachments: list  # one of each
    memos: list[Memo]  # [published, not published]
    topic: MemoTopic
    entry: object
    document: object
    versions: list[DocumentVersion]  # [hearing (published), final (not published)]
    change_key: str
    rows: dict[str, int]  # a row of each of the edit page's lists, by slug


@dataclass
class World:
    processes: dict[str, ProcessWorld]
    users: dict[str, User | None]
    stakeholder: object
    duty: HearingDuty
    invitation: str
    may_see: dict[str, frozenset[str]]  # canary -> the roles that may see it
    case_document: int = 0  # a document of a message in the case (cases:attachment)
    case_grant: int = 0  # the relative's grant (cases:withdraw_grant)
    case_meeting: int = 0  # a booked meeting in the case (cases:meeting_*)


def _submit(process: Process, text: str, **fields) -> tuple[Contribution, str]:
    fields.setdefault("name", "Anna Jensen")
    data = contribution_services.SubmissionData(
        text=text, speaking_as=SpeakingAs.PRIVATE, consent=Consent.WITH_NAME, **fields
    )
    result = contribution_services.submit(
        process, data, [], source=Source.LETTER, received_at=RECEIVED
    )
    return result.contribution, result.token


def _process_world(tag: str, stakeholder, **kwargs) -> ProcessWorld:
    title = "Lokalplan for Stationsbyen" if tag == PROJECT else f"Forløb {canary(tag, 'title')}"
    process = complete_project(title=title, review_before_publishing=True, **kwargs)
    staff = process.responsible
    phase = PhaseFactory(process=process)

    published, published_token = _submit(
        process, f"Mit cpr er {CPR[tag]}, og vi ønsker en bænk. {canary(tag, 'pubtext')}"
    )
    for flag in published.flags.all():
        contribution_services.resolve_flag(flag, Flag.Resolution.REDACTED, staff)
    contribution_services.approve(published, staff)
    published.refresh_from_db()
    assert published.publication == Contribution.Publication.PUBLISHED
    assert CPR[tag] not in published.published_text
    Answer.objects.create(
        contribution=published,
        outcome=Answer.Outcome.NOTED,
        reason=f"Vi overvejer det. {canary(tag, 'answerdraft')}",
        author=staff,
    )
    held, held_token = _submit(
        process,
        f"Ring til mig på {PHONE[tag]}. {canary(tag, 'pending')}",
        name=f"Ingrid {canary(tag, 'name')}",
        email=f"{canary(tag, 'mail')}@example.dk",
    )
    assert held.publication == Contribution.Publication.PENDING and held.flags.exists()
    attachments = [
        attach(published, "bilag.pdf", f"%PDF-1.4 {canary(tag, 'attpub')}".encode()),
        attach(held, "bilag.pdf", f"%PDF-1.4 {canary(tag, 'attheld')}".encode()),
    ]

    memos = []
    for what, published_at in (("memopub", timezone.now()), ("memodraft", None)):
        memo = Memo.objects.create(
            process=process, status=Memo.Status.DONE, published_at=published_at
        )
        memo.docx.save("notat.docx", ContentFile(canary(tag, what).encode()), save=False)
        memo.pdf.save("notat.pdf", ContentFile(f"%PDF-1.4 {canary(tag, what)}".encode()))
        memos.append(memo)

    document = DocumentFactory(process=process)
    hearing = VersionFactory(
        document=document,
        blocks=blocks_from_text(f"# Forslag\n\nDer bygges. {canary(tag, 'dochearing')}"),
    )
    hearing.source_file.save(
        "forslag.pdf", ContentFile(f"%PDF {canary(tag, 'dochearing')}".encode())
    )
    final = VersionFactory(
        document=document,
        label=DocumentVersion.Label.FINAL,
        blocks=blocks_from_text(f"# Forslag\n\nDer bygges lavt. {canary(tag, 'docfinal')}"),
        published=False,
    )
    change_key = next(b.key for b in compare(hearing.blocks, final.blocks) if b.status != "equal")
    # Both in one campaign, as the analysis leaves them (its group page quotes them).
    Contribution.objects.filter(pk__in=[published.pk, held.pk]).update(duplicate_group="d1")
    return ProcessWorld(
        tag=tag,
        process=process,
        contributions=[published, held],
        tokens=[published_token, held_token],
        flags=[published.flags.first(), held.flags.first()],
        attachments=attachments,
        memos=memos,
        topic=MemoTopic.objects.create(process=process, name="Trafik"),
        entry=accepted(process, stakeholder),
        document=document,
        versions=[hearing, final],
        change_key=change_key,
        rows={
            "ramme": process.frame_items.first().pk,
            "faser": phase.pk,
            "aktiviteter": process.activities.first().pk,
            "milepaele": process.milestones.first().pk,
        },
    )


def build_world() -> World:
    centre, other_centre = CentreFactory(), CentreFactory()
    privacy_officer = StaffFactory()
    privacy_officer.user_permissions.add(
        Permission.objects.get(content_type__app_label="privacy", codename="handle_personal_data")
    )
    users = {
        ANONYMOUS: None,
        CITIZEN: UserFactory(),
        PARTICIPANT: UserFactory(email=PARTICIPANT_EMAIL),
        OTHER_STAFF: StaffFactory(centre=other_centre),
        CENTRE_STAFF: StaffFactory(centre=centre),
        CASEWORKER: StaffFactory(),  # of a centre of its own
        PRIVACY: User.objects.get(pk=privacy_officer.pk),  # permissions not cached
        # As the demo's admin: a superuser with the admin, of no centre.
        SUPERUSER: StaffFactory(centre=None, is_staff=True, is_superuser=True),
        RELATIVE: UserFactory(),
        PROFESSIONAL: StaffFactory(),  # of a centre of its own, like the caseworker
    }
    stakeholder = StakeholderFactory(
        name="Ballerup Naturforening",
        contact_name=f"Birgit {STAKEHOLDER_CONTACT}",
        email=STAKEHOLDER_EMAIL,
        phone=STAKEHOLDER_PHONE,
    )
    duty = HearingDuty.objects.create(stakeholder=stakeholder, legal_basis="Planloven § 24")
    open_, draft = Process.Status.OPEN, Process.Status.DRAFT
    now = timezone.now()
    processes = {
        PROJECT: _process_world(
            PROJECT, stakeholder, status=open_, centre=centre, published_at=now
        ),
        DRAFT: _process_world(DRAFT, stakeholder, status=draft, centre=centre),
        CASE: _process_world(
            CASE, stakeholder, kind=Process.Kind.CASE, status=open_, centre=centre
        ),
        OTHER_DRAFT: _process_world(OTHER_DRAFT, stakeholder, status=draft, centre=other_centre),
    }
    processes[CASE].process.participants.add(users[PARTICIPANT], users[CASEWORKER])
    # The case's own data (type, citizen, steps): its citizen's "Min sag" at /sager/<pk>/.
    case = case_file_for(processes[CASE].process, citizen=users[PARTICIPANT])
    # A message in the case with a document: both only to the case's participants.
    message = CaseMessage.objects.create(
        case=case, author=users[PARTICIPANT], text=f"Hej. {canary(CASE, 'message')}", is_input=True
    )
    document = CaseMessageFile(
        message=message, original_name="bilag.pdf", content_type="application/pdf", size=30
    )
    document.file.save("bilag.pdf", ContentFile(f"%PDF-1.4 {canary(CASE, 'casedoc')}".encode()))
    # A relative with an active grant (see only), the citizen of the matrix with one that expired
    # yesterday (a relative without access), a professional of the school with a role.
    today = local_date(timezone.now())
    grant = CaseGrant.objects.create(
        case=case,
        person=users[RELATIVE],
        level="see",
        basis="citizen",
        expires_on=today + datetime.timedelta(days=30),
        granted_by=users[PARTICIPANT],
    )
    CaseGrant.objects.create(
        case=case,
        person=users[CITIZEN],
        level="write",
        basis="citizen",
        expires_on=today - datetime.timedelta(days=1),
        granted_by=users[PARTICIPANT],
    )
    CaseProfessional.objects.create(
        case=case, user=users[PROFESSIONAL], role="skole", added_by=users[CASEWORKER]
    )
    # A booked meeting in the case: what it is about and the citizen's needs, to its participants.
    meeting = CaseMeeting.objects.create(
        case=case,
        kind=MeetingKind.HOME_VISIT,
        purpose=f"Badeværelset. {canary(CASE, 'meeting')}",
        attendees="Ergoterapeut",
        other_needs=canary(CASE, "needs"),
        status=CaseMeeting.Status.BOOKED,
        times_proposed_at=now,
        booked_at=now,
    )
    meeting.slots.create(
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3, hours=1),
        chosen=True,
    )
    send_invitations(processes[PROJECT].process)
    processes[PROJECT].entry.refresh_from_db()
    invitation = invitation_token(processes[PROJECT].entry)

    may_see: dict[str, frozenset[str]] = {
        STAKEHOLDER_EMAIL: STAFF_ROLES,
        STAKEHOLDER_PHONE: STAFF_ROLES,
        STAKEHOLDER_CONTACT: STAFF_ROLES,
        # A citizen's account: the admin's user list, the citizen, the case they take part in.
        PARTICIPANT_EMAIL: frozenset({SUPERUSER, PARTICIPANT, CASEWORKER}),
        invitation.lower(): NOBODY,
    }
    for tag, w in processes.items():
        may_see.update(process_canaries(tag))
        may_see.update({token.lower(): NOBODY for token in w.tokens})
    # The messages and their documents: not to a professional, whatever the role. The meetings
    # and the citizen's needs: to the relative who sees the case (as the citizen does), not to
    # the school (its role does not see meetings).
    may_see[canary(CASE, "message")] = frozenset({PARTICIPANT, CASEWORKER, RELATIVE})
    may_see[canary(CASE, "casedoc")] = frozenset({PARTICIPANT, CASEWORKER, RELATIVE})
    may_see[canary(CASE, "meeting")] = frozenset({PARTICIPANT, CASEWORKER, RELATIVE})
    may_see[canary(CASE, "needs")] = frozenset({PARTICIPANT, CASEWORKER, RELATIVE})
    return World(
        processes,
        users,
        stakeholder,
        duty,
        invitation,
        may_see,
        case_document=document.pk,
        case_grant=grant.pk,
        case_meeting=meeting.pk,
    )


# --- The URLs -------------------------------------------------------------------------------------


def all_patterns() -> list[tuple[str, str]]:
    """Every URL pattern of the site: (route, name), in the resolver's order."""
    found: list[tuple[str, str]] = []

    def walk(patterns, namespace: str, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = ":".join(n for n in (namespace, pattern.namespace) if n)
                walk(pattern.url_patterns, inner, route)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or ""
                found.append((route, f"{namespace}:{name}" if namespace else name))

    walk(get_resolver().url_patterns, "", "")
    return found


ADMIN_WALKED = {"admin:index"} | {
    f"admin:{label.replace('.', '_')}_changelist" for label in ADMIN_PERSONAL_DATA
}


def walked_patterns() -> list[tuple[str, str]]:
    """The patterns the matrix tries: all but ``SKIPPED`` and the admin's other pages."""
    return [
        (route, name)
        for route, name in all_patterns()
        if name not in SKIPPED and (not name.startswith("admin:") or name in ADMIN_WALKED)
    ]


# What ``pk`` names, where it is not a process.
PK_OF = {
    "cases:detail": "process",  # "Min sag": the case's process, like forloeb/<pk>/
    "cases:hearing_answer": "process",
    "cases:hearing_draft_file": "process",
    "cases:hearing_answer_file": "process",
    "cases:evaluation": "process",
    "cases:message": "process",  # Min sag's messages
    "cases:attachment": "process",  # a document of a message in the case
    "cases:grant": "process",  # the citizen gives access on Min sag
    "cases:withdraw_grant": "process",  # … and withdraws it (grant_pk: the relative's)
    "cases:meeting_pick": "process",  # the meetings of Min sag
    "cases:meeting_other_time": "process",
    "cases:meeting_needs": "process",
    "cases:meeting_ics": "process",
    "contributions:attachment": "attachment",
    "documents:version": "version",
    "documents:download": "version",
    "staff:documents:document": "document",
    "staff:documents:add_version": "document",
    "staff:documents:version": "version",
    "staff:documents:publish": "version",
    "staff:documents:download": "version",
    "staff:stakeholders:detail": "stakeholder",
    "staff:stakeholders:edit": "stakeholder",
    "staff:stakeholders:toggle_active": "stakeholder",
    "staff:stakeholders:duty_edit": "duty",
    "staff:stakeholders:duty_delete": "duty",
    # the principles' wording and thresholds: the municipality's, of no process
    "staff:principles:principle": "policy",
    "staff:principles:threshold": "policy",
}
# The arguments that name the process the URL is of (the host); the others name its objects.
HOST_ARGUMENTS = {"pk", "process_id", "from_pk"}
ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")
# Every argument the site's URL patterns take, each filled in by ``_values``.
ARGUMENTS = {
    "pk",
    "process_id",
    "cid",
    "flag_pk",
    "attachment_pk",
    "memo_pk",
    "kind",
    "topic_pk",
    "group",
    "entry_pk",
    "from_pk",
    "to_pk",
    "key",
    "slug",
    "item_pk",
    "token",
    "file_pk",
    "meeting_pk",
    "grant_pk",
    "number",
}


def _values(name: str, w: ProcessWorld, world: World, variant: int) -> dict[str, object]:
    """One consistent set of argument values from process ``w``: variant 0 names its published
    contribution, the published memo (DOCX) and the hearing version; variant 1 the held-back
    contribution, the memo not published (PDF) and the final version. The row list (``slug``)
    turns with the process and the variant, so that every list is tried."""
    i = variant % 2
    slug = SLUGS[(2 * ORDER.index(w.tag) + i) % len(SLUGS)]
    pk = {
        "attachment": w.attachments[i].pk,
        "version": w.versions[i].pk,
        "document": w.document.pk,
        "stakeholder": world.stakeholder.pk,
        "duty": world.duty.pk,
    }.get(PK_OF.get(name, ""), w.process.pk)
    token = world.invitation if name == "stakeholders:invitation" else w.tokens[i]
    return {
        "pk": pk,
        "process_id": w.process.pk,
        "cid": w.contributions[i].pk,
        "flag_pk": w.flags[i].pk,
        "attachment_pk": w.attachments[i].pk,
        "memo_pk": w.memos[i].pk,
        "kind": ("docx", "pdf")[i],
        "topic_pk": w.topic.pk,
        "group": "d1",
        "entry_pk": w.entry.pk,
        "from_pk": w.versions[0].pk,
        "to_pk": w.versions[1].pk,
        "key": w.change_key,
        "slug": slug,
        "item_pk": w.rows[slug],
        "token": token,
        "file_pk": world.case_document,
        "meeting_pk": world.case_meeting,
        "grant_pk": world.case_grant,
        "number": 1 + i,  # a principle
    } | ({"slug": "bredde"} if name == "staff:principles:threshold" else {})


ORDER = (PROJECT, DRAFT, CASE, OTHER_DRAFT)
# One process's pk (the host) with the objects of another (held back, not published): staff of
# the projects' centre reaching the case's objects through the public project (the case is of
# the same centre), and the other centre's staff reaching the public project's through theirs.
MIXED = ((PROJECT, CASE), (OTHER_DRAFT, PROJECT))


# Which objects of each process are tried (see ``_values``): both sets for the public project
# and the case, where what is published and what is not sit side by side; the held-back ones of
# the draft, the published ones of the other centre's draft (only their editors get further than
# the door, and each is tried with every object through ``MIXED`` and the receipts).
VARIANTS = {PROJECT: (0, 1), CASE: (0, 1), DRAFT: (1,), OTHER_DRAFT: (0,)}


@dataclass(frozen=True)
class Url:
    path: str
    name: str
    writers: frozenset[str]  # the roles that may change what it names
    also_sees: frozenset[str] = frozenset()  # canaries anyone with this URL may see


def _writers(name: str, hosts: tuple[str, ...]) -> frozenset[str]:
    if name.startswith("staff:privacy:"):
        return frozenset({PRIVACY, SUPERUSER})
    if name.startswith("staff:principles:"):
        return frozenset({SUPERUSER})  # the permission principles.change_policy
    if name.startswith("admin:"):
        return frozenset({SUPERUSER})
    if name in ("contributions:submit", "api-v1:submit_contribution", "accounts:login"):
        return EVERYONE  # anyone may send a contribution, or log in
    if name == "cases:withdraw_grant" and hosts == (CASE,):
        return frozenset({PARTICIPANT})  # the case's citizen withdraws the access they gave
    if name == "cases:meeting_needs" and set(hosts) == {CASE}:
        # The case's citizen: an empty form is valid there (every need is optional).
        return frozenset({PARTICIPANT})
    if name.startswith("staff:"):
        editors = STAFF_ROLES
        for tag in hosts:  # a page of a process (or of two: the process and another's object)
            editors = editors & EDITORS[tag]
        return editors
    return NOBODY


def _receipt_canaries(w: ProcessWorld, i: int) -> frozenset[str]:
    """What the holder of a receipt link may see: what they sent, and the process's title."""
    tag = w.tag
    sent = [
        (canary(tag, "pubtext"), CPR[tag], canary(tag, "attpub")),
        (
            canary(tag, "pending"),
            PHONE[tag],
            canary(tag, "name"),
            canary(tag, "mail"),
            canary(tag, "attheld"),
        ),
    ][i]
    return frozenset({*sent, canary(tag, "title"), w.tokens[i].lower()})


def _fill(route: str, values: dict[str, object]) -> str:
    return "/" + ARGUMENT.sub(lambda m: str(values[m.group(1)]), route)


def build_urls(world: World) -> tuple[list[Url], int]:
    """Every walked pattern filled in with every process's objects (``_variants``), and with one
    process's pk and another's objects (``MIXED``). Returns the URLs and the number of
    patterns."""
    urls: dict[str, Url] = {}

    def add(url: Url) -> None:
        urls.setdefault(url.path, url)

    patterns = walked_patterns()
    for route, name in patterns:
        arguments = set(ARGUMENT.findall(route))
        of_a_process = bool(arguments) and PK_OF.get(name) not in ("stakeholder", "duty", "policy")
        if name == "stakeholders:invitation":  # the link of the public project's stakeholder
            values = _values(name, world.processes[PROJECT], world, 0)
            add(Url(_fill(route, values), name, NOBODY))
        elif not of_a_process:
            values = _values(name, world.processes[PROJECT], world, 0)
            add(Url(_fill(route, values), name, _writers(name, ())))
        elif name == "contributions:receipt":  # each contribution's private link
            for w in world.processes.values():
                for i in (0, 1):
                    url = _fill(route, _values(name, w, world, i))
                    add(Url(url, name, NOBODY, _receipt_canaries(w, i)))
        elif name in ("contributions:evaluation", "contributions:receipt_evaluation"):
            # The evaluation after the decision, by the receipts' links (none of the world's
            # processes is decided, and a receipt's secret is no evaluation link: a 404, which
            # may show the address it was asked for).
            for w in world.processes.values():
                for i in (0, 1):
                    url = _fill(route, _values(name, w, world, i))
                    seen = frozenset({canary(w.tag, "title"), w.tokens[i].lower()})
                    add(Url(url, name, NOBODY, seen))
        else:
            for tag, w in world.processes.items():
                for variant in VARIANTS[tag]:
                    values = _values(name, w, world, variant)
                    assert set(values) == ARGUMENTS
                    add(Url(_fill(route, values), name, _writers(name, (tag,))))
            if arguments - HOST_ARGUMENTS - {"slug", "kind"} and arguments & HOST_ARGUMENTS:
                for host, guest in MIXED:
                    hosting = _values(name, world.processes[host], world, 0)
                    values = _values(name, world.processes[guest], world, 1)
                    values.update({a: hosting[a] for a in arguments & HOST_ARGUMENTS})
                    add(Url(_fill(route, values), name, _writers(name, (host, guest))))
        if "token" in arguments:  # a link that does not exist
            add(Url(_fill(route, {"token": "qzk-no-such-link"}), name, NOBODY))
    return list(urls.values()), len(patterns)


# --- Reading a response ---------------------------------------------------------------------------


def _readable(body: bytes) -> bytes:
    """The body with what it packs: the members of a ZIP (DOCX, XLSX, an export) and the
    inflated streams of a PDF, so a canary in a file is found too."""
    parts = [body]
    if body.startswith(b"PK"):
        with contextlib.suppress(zipfile.BadZipFile), zipfile.ZipFile(io.BytesIO(body)) as archive:
            parts += [archive.read(member) for member in archive.namelist()]
    if body.startswith(b"%PDF"):
        for stream in re.findall(rb"stream\r?\n(.*?)endstream", body, re.S):
            with contextlib.suppress(zlib.error):
                parts.append(zlib.decompress(stream))
    return b"\n".join(parts)


def _response_text(response) -> bytes:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    headers = "\n".join(f"{k}: {v}" for k, v in response.items()).encode()
    return headers + b"\n" + _readable(body)


class Writes:
    """The rows every SQL statement inserted, updated or deleted, by table (an execute wrapper,
    so a write through any model, a bulk update or raw SQL is seen)."""

    VERB = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)

    def __init__(self) -> None:
        self.rows: Counter[str] = Counter()

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        match = self.VERB.match(sql)
        if match and not match.group(2).startswith(FREE_TABLES):
            rowcount = context["cursor"].rowcount
            if rowcount != 0:
                self.rows[match.group(2)] += max(rowcount, 1)
        return result


def fingerprint() -> str:
    """A digest of every row of every table the models have."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.db_table.startswith(FREE_TABLES):
            continue
        for row in model._base_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


# --- The matrix -----------------------------------------------------------------------------------


@dataclass
class Result:
    cells: int = 0
    roles: int = 0
    patterns: int = 0
    urls: int = 0
    leaks: list[str] = field(default_factory=list)
    writes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # 5xx and exceptions
    # a 2xx to POST/PUT/DELETE by a role that may change nothing there (and changed nothing)
    unsafe_2xx: Counter[str] = field(default_factory=Counter)
    seen: Counter[str] = field(default_factory=Counter)  # canary -> cells it was rightly shown in
    permitted_writes: int = 0  # cells that changed rows, by a role that may
    statuses: Counter[int] = field(default_factory=Counter)
    seconds: float = 0.0


RESULT = Result()  # the last run's figures (pytest -s prints them)


def _clients(users: dict[str, User | None]) -> Iterator[tuple[str, Client, SimpleCookie]]:
    for role, user in users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        yield role, client, SimpleCookie(client.cookies.output(header="", sep="\n"))


def run_matrix(world: World, clients: list) -> Result:
    result = Result()
    started = time.monotonic()
    urls, result.patterns = build_urls(world)
    result.urls, result.roles = len(urls), len(world.users)
    canaries = [(c, c.encode()) for c in world.may_see]
    for url in urls:
        for role, client, cookies in clients:
            for method in METHODS:
                result.cells += 1
                cell = f"{method.upper()} {url.path} ({url.name}) as {role}"
                client.cookies = SimpleCookie(cookies.output(header="", sep="\n"))
                cache.clear()  # rate limits start afresh in every cell
                writes = Writes()
                try:
                    with connection.execute_wrapper(writes), transaction.atomic():
                        response = getattr(client, method)(url.path)
                        text = _response_text(response)
                        transaction.set_rollback(True)
                except Exception as error:  # a 500 in production
                    result.errors.append(f"{cell}: raised {type(error).__name__}: {error}")
                    continue
                status = response.status_code
                result.statuses[status] += 1
                if status >= 500:
                    result.errors.append(f"{cell}: {status}")
                text = text.lower()
                for found in [c for c, encoded in canaries if encoded in text]:
                    if role not in world.may_see[found] and found not in url.also_sees:
                        result.leaks.append(f"{cell}: {status} shows {found!r}")
                    else:
                        result.seen[found] += 1
                if writes.rows and role not in url.writers:
                    result.writes.append(f"{cell}: {status}, wrote {dict(writes.rows)}")
                elif writes.rows:
                    result.permitted_writes += 1
                unsafe = method in ("post", "put", "delete")
                if unsafe and 200 <= status < 300 and role not in url.writers:
                    result.unsafe_2xx[f"{method.upper()} {url.name}"] += 1
    result.seconds = time.monotonic() - started
    return result


def test_every_url_pattern_is_walked_or_skipped_with_a_reason():
    names = {name for _route, name in all_patterns()}
    assert set(SKIPPED) <= names, set(SKIPPED) - names
    assert names >= ADMIN_WALKED, ADMIN_WALKED - names
    walked = walked_patterns()
    non_admin = [r for r, n in all_patterns() if not n.startswith("admin:") and n not in SKIPPED]
    assert len(walked) == len(non_admin) + len(ADMIN_WALKED)
    # Every argument a pattern takes is one the world can fill.
    for route, name in walked:
        assert set(ARGUMENT.findall(route)) <= ARGUMENTS, (name, route)
        # A new pattern whose pk is not a process's says what it is in PK_OF.
        if "<int:pk>" in route and "forloeb/<int:pk>" not in route:
            assert name in PK_OF, (name, route)


def test_no_role_sees_or_changes_what_it_may_not():
    world = build_world()
    tokens = list(world.may_see)
    assert all(token == token.lower() for token in tokens)
    assert not [(a, b) for a in tokens for b in tokens if a != b and a in b]  # each its own
    clients = list(_clients(world.users))
    before = fingerprint()
    result = run_matrix(world, clients)
    global RESULT
    RESULT = result
    print(
        f"\nleak matrix: {result.cells} cells = {result.roles} roles × {result.urls} URLs "
        f"(of {result.patterns} URL patterns) × {len(METHODS)} methods; "
        f"{len(result.leaks)} leaks, {len(result.writes)} writes by roles that may not "
        f"({result.permitted_writes} by roles that may), "
        f"{len(result.errors)} 5xx; {result.seconds:.1f} s; "
        f"statuses {dict(sorted(result.statuses.items()))}; "
        f"{sum(result.unsafe_2xx.values())} 2xx to an unsafe method by a role that may change "
        f"nothing there (nothing changed): {dict(sorted(result.unsafe_2xx.items()))}"
    )
    never_shown = sorted(c for c in world.may_see if not result.seen[c])
    print("never shown:", never_shown)
    assert fingerprint() == before, "a cell's changes were not rolled back"
    # The search finds what it looks for: each canary of the public project and the case (but
    # the case's hearing memos: a case has none), each title, the stakeholder's contact details
    # and every receipt link were shown, to a role that may see them, somewhere.
    must_show = {
        *process_canaries(PROJECT),
        *(c for c in process_canaries(CASE) if "memo" not in c),
        *(canary(tag, "title") for tag in (DRAFT, CASE, OTHER_DRAFT)),
        STAKEHOLDER_EMAIL,
        STAKEHOLDER_PHONE,
        STAKEHOLDER_CONTACT,
        *(token.lower() for w in world.processes.values() for token in w.tokens),
    }
    assert not must_show & set(never_shown), must_show & set(never_shown)
    assert result.permitted_writes > 0  # and writes are seen
    problems = result.leaks + result.writes + result.errors
    assert not problems, f"{len(problems)} failing cells:\n  " + "\n  ".join(problems[:200])
    assert result.cells >= MIN_CELLS, result.cells
