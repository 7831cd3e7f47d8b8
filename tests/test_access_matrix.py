"""Every staff page of one process, as every role: a walk of the URL configuration.

The staff URLs are read from the resolver (``get_resolver``), not listed by hand: every URL name
under the ``staff:`` namespace either belongs to a process — it takes the process's pk, or the pk
of one of its documents or versions — and is walked here, or is named in ``NOT_OF_A_PROCESS``.
Its arguments are real objects of the process (a contribution with a finding and an attachment,
a memo with its files, a topic, a hearing list entry, a document with two versions and a
change), so the role let in gets its page and a 404 can only come from the permission check.

For a project: anonymous visitors go to the login page, citizens and staff of another centre get
a 404, staff of the process's centre get the page. For a case (kind "case"): only staff who take
part in it get its pages, and not the pages a case does not have (``projects_only``); everyone
else, colleagues of its centre too, gets a 404.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from inddrag.cases.models import CaseFile
from inddrag.contributions.models import Attachment, Contribution, Flag
from inddrag.documents.diff import compare
from inddrag.documents.importers import blocks_from_text
from inddrag.documents.models import Document, DocumentVersion
from inddrag.memos.models import Memo, MemoTopic
from inddrag.processes.models import FrameItem, Process
from inddrag.stakeholders.models import HearingListEntry
from tests.factories import StaffFactory, UserFactory, complete_project
from tests.factories.cases import booked_meeting, case_file_for
from tests.factories.contributions import attach, submitted
from tests.factories.documents import FINAL_TEXT, DocumentFactory, VersionFactory
from tests.factories.files import blank_pdf
from tests.factories.stakeholders import StakeholderFactory, accepted
from tests.permissions import ALLOWED, LOGIN, Call, assert_access, get

pytestmark = pytest.mark.django_db

PROCESS_PK = "forloeb/<int:pk>/"

# Staff pages that belong to no one process: the dashboard, creating a process, the registry.
NOT_OF_A_PROCESS = {
    "staff:dashboard",
    "staff:processes:create",
    "staff:stakeholders:list",
    "staff:stakeholders:create",
    "staff:stakeholders:detail",
    "staff:stakeholders:edit",
    "staff:stakeholders:toggle_active",
    "staff:stakeholders:duties",
    "staff:stakeholders:duty_create",
    "staff:stakeholders:duty_edit",
    "staff:stakeholders:duty_delete",
    "staff:stakeholders:import",
    "staff:stakeholders:import_save",
    "staff:stakeholders:export_csv",
    "staff:stakeholders:export_xlsx",
    # a person's data (GDPR): tests/privacy/test_person.py walks them with every role
    "staff:privacy:search",
    "staff:privacy:export",
    "staff:privacy:erase",
    # cases: "Mine sager" and opening a case (tests/cases/test_cases.py)
    "staff:cases:mine",
    "staff:cases:create",
    # the evaluation report: only with cases.view_evaluation_report; every role in
    # tests/cases/test_evaluation_report.py
    "staff:cases:evaluation_report",
    "staff:cases:evaluation_report_csv",
    # the indicators per principle: every member of staff; tests/evaluation/test_pages.py
    "staff:evaluation:indicators",
    "staff:evaluation:behind",
    # evaluation rounds and assessments: read by every member of staff, written by the
    # preparer and the rounds' managers; tests/evaluation/test_rounds.py
    "staff:evaluation:rounds",
    "staff:evaluation:round",
    "staff:evaluation:round_create",
    "staff:evaluation:round_edit",
    "staff:evaluation:round_publish",
    "staff:evaluation:assessment",
    # the principles and thresholds: only with principles.change_policy; every role in
    # tests/principles/test_policy.py
    "staff:principles:overview",
    "staff:principles:principle",
    "staff:principles:threshold",
    # the evaluation reports: every member of staff makes and downloads them (no personal
    # data); tests/evaluation/test_reports.py
    "staff:evaluation:round_report",
    "staff:evaluation:assessment_report",
    "staff:evaluation:report_progress",
    "staff:evaluation:report_download",
}


@dataclass(frozen=True)
class Page:
    """How to call one staff URL of a process: its methods, what a POST sends (so that the role
    let in is let in: a 200, a redirect or a form with errors), what ``pk`` is (the process, a
    document or a version) and whether a case has the page at all."""

    methods: tuple[str, ...] = ("get",)
    data: dict = field(default_factory=dict)
    pk: str = "process"
    projects_only: bool = False
    cases_only: bool = False  # a project has no such page (tests/cases: a 404 to its editors)
    allowed_post: tuple[int, ...] = ()
    headers: dict = field(default_factory=dict)  # a fragment for htmx is asked for as htmx does


GET, POST, BOTH = ("get",), ("post",), ("get", "post")

PAGES = {
    # analysis
    "staff:analysis:overview": Page(projects_only=True),
    "staff:analysis:run": Page(POST, projects_only=True),
    "staff:analysis:progress": Page(projects_only=True),
    "staff:analysis:rename": Page(POST, projects_only=True),
    "staff:analysis:merge": Page(POST, projects_only=True),
    "staff:analysis:summary": Page(POST, projects_only=True),
    "staff:analysis:group": Page(projects_only=True),
    "staff:analysis:answer_group": Page(POST, projects_only=True),
    "staff:analysis:paragraphs": Page(projects_only=True),
    # cases
    "staff:cases:access": Page(BOTH, {"action": "companion"}, cases_only=True),
    "staff:cases:steps": Page(BOTH, cases_only=True),
    "staff:cases:hearing": Page(BOTH, cases_only=True),
    "staff:cases:decision": Page(BOTH, cases_only=True),
    "staff:cases:messages": Page(BOTH, cases_only=True),
    "staff:cases:meetings": Page(BOTH, cases_only=True),
    # processes
    "staff:processes:edit": Page(BOTH),
    "staff:processes:status": Page(POST, {"status": ""}),
    "staff:processes:checks": Page(headers={"HX-Request": "true"}),
    # Before the process is processing the form is refused (409), else it has errors (422).
    "staff:processes:decision": Page(BOTH, projects_only=True, allowed_post=(409, 422)),
    "staff:processes:row_add": Page(POST),
    "staff:processes:row_edit": Page(BOTH),
    "staff:processes:row_delete": Page(POST),
    # contributions
    "staff:contributions:inbox": Page(),
    "staff:contributions:register": Page(BOTH),
    "staff:contributions:answer_many": Page(POST),
    "staff:contributions:publish": Page(BOTH),
    "staff:contributions:detail": Page(),
    "staff:contributions:answer": Page(POST),
    "staff:contributions:approve": Page(POST),
    "staff:contributions:decline": Page(POST),
    "staff:contributions:resolve": Page(POST, {"resolution": "approved"}),
    "staff:contributions:attachment": Page(),
    # documents
    "staff:documents:list": Page(BOTH),
    "staff:documents:document": Page(BOTH, pk="document"),
    "staff:documents:add_version": Page(POST, pk="document"),
    "staff:documents:version": Page(pk="hearing"),
    "staff:documents:publish": Page(POST, pk="hearing"),
    "staff:documents:download": Page(pk="hearing"),
    "staff:documents:compare": Page(),
    "staff:documents:link": Page(BOTH),
    # memos
    "staff:memos:preview": Page(projects_only=True),
    "staff:memos:make": Page(POST, projects_only=True),
    "staff:memos:progress": Page(projects_only=True),
    "staff:memos:download": Page(projects_only=True),
    "staff:memos:publish": Page(BOTH, projects_only=True),
    "staff:memos:topics": Page(BOTH, projects_only=True),
    "staff:memos:assign": Page(POST, projects_only=True),
    "staff:memos:topic_rename": Page(POST, projects_only=True),
    "staff:memos:topic_delete": Page(POST, projects_only=True),
    "staff:memos:contribution": Page(POST, projects_only=True),
    # stakeholders: a process's hearing list and breadth
    "staff:stakeholders:hearing_list": Page(projects_only=True),
    "staff:stakeholders:hearing_refresh": Page(POST, projects_only=True),
    "staff:stakeholders:hearing_add": Page(POST, projects_only=True),
    "staff:stakeholders:hearing_invite": Page(POST, projects_only=True),
    "staff:stakeholders:hearing_accept": Page(POST, projects_only=True),
    "staff:stakeholders:hearing_dismiss": Page(POST, projects_only=True),
    "staff:stakeholders:breadth": Page(projects_only=True),
}


# --- The URL configuration ----------------------------------------------------------------------


def _walk(patterns, namespace: str, prefix: str, found: dict[str, str]) -> None:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n)
            _walk(pattern.url_patterns, inner, route, found)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found[f"{namespace}:{pattern.name}" if namespace else pattern.name] = route


def staff_routes() -> dict[str, str]:
    """Every URL name under the ``staff`` namespace, with its whole route."""
    found: dict[str, str] = {}
    _walk(get_resolver().url_patterns, "", "", found)
    return {name: route for name, route in found.items() if name.startswith("staff:")}


def process_routes() -> dict[str, str]:
    """The staff URLs of a process: all but those of no one process."""
    return {n: r for n, r in staff_routes().items() if n not in NOT_OF_A_PROCESS}


def test_the_walk_covers_every_staff_url():
    routes = staff_routes()
    assert "staff:processes:edit" in routes
    assert routes["staff:contributions:detail"] == "personale/forloeb/<int:pk>/bidrag/<int:cid>/"
    with_a_process_pk = {name for name, route in routes.items() if PROCESS_PK in route}
    assert with_a_process_pk <= set(process_routes())
    assert set(routes) >= NOT_OF_A_PROCESS, NOT_OF_A_PROCESS - set(routes)
    # A new staff URL must be added to PAGES (or to NOT_OF_A_PROCESS) before this passes.
    assert set(process_routes()) == set(PAGES), set(process_routes()) ^ set(PAGES)


# --- One process with everything its staff pages take --------------------------------------------


@dataclass
class World:
    process: Process
    frame_item: FrameItem
    contribution: Contribution
    flag: Flag
    attachment: Attachment
    memo: Memo
    topic: MemoTopic
    entry: HearingListEntry
    document: Document
    hearing: DocumentVersion
    final: DocumentVersion
    change_key: str

    def arguments(self, route: str, page: Page) -> dict:
        """The route's arguments, each a real object of this process."""
        values = {
            "pk": getattr(self, page.pk).pk,
            "slug": "ramme",
            "item_pk": self.frame_item.pk,
            "cid": self.contribution.pk,
            "flag_pk": self.flag.pk,
            "attachment_pk": self.attachment.pk,
            "memo_pk": self.memo.pk,
            "kind": "docx",
            "topic_pk": self.topic.pk,
            "group": "d1",
            "entry_pk": self.entry.pk,
            "from_pk": self.hearing.pk,
            "to_pk": self.final.pk,
            "key": self.change_key,
        }
        return {name: values[name] for name in re.findall(r"<(?:\w+:)?(\w+)>", route)}


def world(process: Process) -> World:
    if process.is_case:
        case_file_for(process)  # a case's own data: its steps page, "Mine sager"
    contribution = submitted(process, "Mit cpr er 010203-1234, og jeg vil have en bænk ved søen.")
    # In a campaign or duplicate group, as the analysis leaves it (its group page).
    Contribution.objects.filter(pk=contribution.pk).update(duplicate_group="d1")
    memo = Memo.objects.create(
        process=process, status=Memo.Status.DONE, published_at=timezone.now()
    )
    memo.docx.save("hoeringsnotat.docx", ContentFile(b"PK"), save=False)
    memo.pdf.save("hoeringsnotat.pdf", ContentFile(blank_pdf()))
    document = DocumentFactory(process=process)
    hearing = VersionFactory(document=document)
    hearing.source_file.save("forslag.pdf", ContentFile(blank_pdf()))
    final = VersionFactory(
        document=document,
        label=DocumentVersion.Label.FINAL,
        blocks=blocks_from_text(FINAL_TEXT),
        published=False,
    )
    return World(
        process=process,
        frame_item=process.frame_items.first(),
        contribution=contribution,
        flag=contribution.flags.get(),
        attachment=attach(contribution),
        memo=memo,
        topic=MemoTopic.objects.create(process=process, name="Trafik og parkering"),
        entry=accepted(process, StakeholderFactory()),
        document=document,
        hearing=hearing,
        final=final,
        change_key=next(
            b.key for b in compare(hearing.blocks, final.blocks) if b.status != "equal"
        ),
    )


def staff_calls(w: World, *, case_participant: str = "") -> list[Call]:
    """One call per staff URL of the process and method. On a case, ``case_participant`` (the
    role taking part) gets a 404 from the pages a case does not have."""
    calls = []
    for name, route in sorted(process_routes().items()):
        page = PAGES[name]
        if page.cases_only and not w.process.is_case:
            continue
        url = reverse(name, kwargs=w.arguments(route, page))
        expect = {case_participant: 404} if case_participant and page.projects_only else {}
        for method in page.methods:
            allowed = page.allowed_post if method == "post" else ()
            data = page.data if method == "post" else {}
            calls.append(
                Call(
                    method,
                    url,
                    data,
                    label=name,
                    allowed=allowed,
                    expect=expect,
                    headers=page.headers,
                )
            )
    return calls


# --- The matrices ---------------------------------------------------------------------------------


def test_the_staff_pages_of_a_project():
    project = complete_project(status=Process.Status.OPEN)
    calls = staff_calls(world(project))
    users = {
        "anonymous": None,
        "citizen": UserFactory(),
        "staff of another centre": StaffFactory(),
        "staff of the centre": StaffFactory(centre=project.centre),  # not the responsible
    }
    expected = {
        "anonymous": LOGIN,
        "citizen": 404,
        "staff of another centre": 404,
        "staff of the centre": ALLOWED,
    }
    assert assert_access(calls, expected, users) == len(calls) * 4


def test_the_staff_pages_of_a_case_are_for_its_participants_only():
    case = complete_project(kind=Process.Kind.CASE, status=Process.Status.OPEN)
    citizen_taking_part, staff_taking_part = UserFactory(), StaffFactory()  # another centre
    case.participants.add(citizen_taking_part, staff_taking_part)
    calls = staff_calls(world(case), case_participant="staff taking part")
    users = {
        "anonymous": None,
        "citizen": UserFactory(),
        "citizen taking part": citizen_taking_part,
        "staff of another centre": StaffFactory(),
        "staff of the case's centre": StaffFactory(centre=case.centre),
        "staff taking part": staff_taking_part,
    }
    expected = {
        "anonymous": LOGIN,
        "citizen": 404,
        "citizen taking part": 404,
        "staff of another centre": 404,
        "staff of the case's centre": 404,
        "staff taking part": ALLOWED,
    }
    assert assert_access(calls, expected, users) == len(calls) * 6


# The arguments that name an object of the process (besides its pk).
OBJECT_ARGUMENTS = {"item_pk", "cid", "flag_pk", "attachment_pk", "memo_pk", "topic_pk", "entry_pk"}


def test_an_object_of_another_process_is_a_404_even_to_staff_who_may_edit_both():
    """Each staff URL with one argument swapped for the same kind of object of another process
    (or, comparing versions, a version of another document): the view checks that the object
    belongs to the process of the URL, not only that the user may edit some process."""
    staff = StaffFactory()
    mine = world(complete_project(status=Process.Status.OPEN, centre=staff.centre))
    theirs = world(complete_project(status=Process.Status.OPEN, responsible=staff))
    assert theirs.process.centre_id != staff.centre_id  # staff may edit it as its responsible
    calls = []
    for name, route in sorted(process_routes().items()):
        page = PAGES[name]
        arguments = mine.arguments(route, page)
        foreign = theirs.arguments(route, page)
        for argument in sorted(set(arguments) & (OBJECT_ARGUMENTS | {"to_pk"})):
            url = reverse(name, kwargs={**arguments, argument: foreign[argument]})
            for method in page.methods:
                data = page.data if method == "post" else {}
                calls.append(Call(method, url, data, label=f"{name}, {argument} of another"))
    assert len(calls) >= 20
    role = "staff who may edit both processes"
    assert_access(calls, {role: 404}, {role: staff})
    # Unswapped, the same staff member is let in to both processes' pages.
    assert_access(staff_calls(mine) + staff_calls(theirs), {role: ALLOWED}, {role: staff})


def _public_calls(w: World, *, seen_by: tuple[str, ...], status: int = 200) -> list[Call]:
    """The process page (seen by the roles ``seen_by``: ``status``, a case's sends them on to
    "Min sag"), and its published documents and finished memo, which are public only once the
    project is: a 404 for everyone here."""
    return [
        get(
            reverse("processes:detail", args=[w.process.pk]),
            label="processes:detail",
            expect=dict.fromkeys(seen_by, status),
        ),
        get(reverse("documents:version", args=[w.hearing.pk]), label="documents:version"),
        get(reverse("documents:download", args=[w.hearing.pk]), label="documents:download"),
        get(
            reverse("documents:compare", args=[w.hearing.pk, w.final.pk]),
            label="documents:compare",
        ),
        get(reverse("memos:docx", args=[w.process.pk]), label="memos:docx"),
        get(reverse("memos:pdf", args=[w.process.pk]), label="memos:pdf"),
    ]


def _public_world(process: Process) -> World:
    w = world(process)
    DocumentVersion.objects.filter(document=w.document).update(published=True)
    return w


def _as_a_public_project(w: World, users: dict) -> None:
    """The same pages, once the process is a public project, answer everyone: the objects are
    real, and the 404s above come from the permission checks."""
    Process.objects.filter(pk=w.process.pk).update(
        kind=Process.Kind.PROJECT, status=Process.Status.OPEN
    )
    assert_access(_public_calls(w, seen_by=()), dict.fromkeys(users, 200), users)


def test_a_draft_project_is_seen_only_by_staff_of_its_centre():
    draft = complete_project(status=Process.Status.DRAFT)
    w = _public_world(draft)
    users = {
        "anonymous": None,
        "citizen": UserFactory(),
        "staff of another centre": StaffFactory(),
        "staff of the centre": StaffFactory(centre=draft.centre),
    }
    calls = _public_calls(w, seen_by=("staff of the centre",))
    assert_access(calls, dict.fromkeys(users, 404), users)
    _as_a_public_project(w, users)


def test_a_case_is_seen_only_by_its_participants():
    case = complete_project(kind=Process.Kind.CASE, status=Process.Status.OPEN)
    w = _public_world(case)
    citizen_taking_part, staff_taking_part = UserFactory(), StaffFactory()
    case.participants.add(citizen_taking_part, staff_taking_part)
    users = {
        "anonymous": None,
        "citizen": UserFactory(),
        "citizen taking part": citizen_taking_part,
        "staff of another centre": StaffFactory(),
        "staff of the case's centre": StaffFactory(centre=case.centre),
        "staff taking part": staff_taking_part,
        "the case's responsible": case.responsible,
    }
    seen_by = ("citizen taking part", "staff taking part", "the case's responsible")
    meeting = booked_meeting(CaseFile.objects.get(process=case))
    calls = [
        *_public_calls(w, seen_by=seen_by, status=302),
        get(
            reverse("cases:detail", args=[case.pk]),
            label="cases:detail",
            expect=dict.fromkeys(seen_by, 200),
        ),
        Call(
            "post",
            reverse("cases:detail", args=[case.pk]),
            {"text": "Det vigtigste"},
            label="cases:detail (what matters most: its citizen only)",
            # The case's own citizen is not among these roles: participants get a 403.
            expect=dict.fromkeys(seen_by, 403),
        ),
        # The partshøring's answer and the evaluation: its citizen only (tests/cases).
        *(
            Call(
                "post",
                reverse(name, args=[case.pk]),
                {},
                label=name,
                expect=dict.fromkeys(seen_by, 403),
            )
            for name in ("cases:hearing_answer", "cases:evaluation")
        ),
        Call(
            "post",
            reverse("cases:message", args=[case.pk]),
            {"text": "En besked"},
            label="cases:message (for now its citizen only)",
            expect=dict.fromkeys(seen_by, 403),
        ),
        # Picking a meeting time, asking for another, the needs: its citizen only; the .ics of a
        # booked meeting: every participant.
        *(
            Call(
                "post",
                reverse(name, args=[case.pk, meeting.pk]),
                {},
                label=name,
                expect=dict.fromkeys(seen_by, 403),
            )
            for name in ("cases:meeting_pick", "cases:meeting_other_time", "cases:meeting_needs")
        ),
        get(
            reverse("cases:meeting_ics", args=[case.pk, meeting.pk]),
            label="cases:meeting_ics",
            expect=dict.fromkeys(seen_by, 200),
        ),
    ]
    assert_access(calls, dict.fromkeys(users, 404), users)
    _as_a_public_project(w, users)
