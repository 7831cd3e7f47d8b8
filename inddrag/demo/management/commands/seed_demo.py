"""``manage.py seed_demo``: Ballerup reference data, demo users and demo processes.

Safe to run again: reference data and users are looked up by their natural keys, processes by
title, and each process's frame, phases, activities, milestones and target groups are replaced;
so are the demo contributions and the demo processes' documents (with their versions and linked
changes), and the decisions are updated.
All dates are relative to today, so the demo always looks current. Afterwards the principle
checks run on every process: a published process with a blocker makes the command fail.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from inddrag.accounts.models import User
from inddrag.demo.analysis import seed_analysis
from inddrag.demo.cases import seed_case, seed_case_types, seed_evaluations, seed_staged_cases
from inddrag.demo.contributions import (
    clear_contributions,
    seed_contributions,
    seed_project_evaluations,
)
from inddrag.demo.documents import seed_outcomes
from inddrag.demo.evaluation import seed_evaluation_rounds
from inddrag.demo.hearing_lists import seed_hearing_lists
from inddrag.demo.processes import (
    ADMIN,
    CASEWORKER,
    CENTRE_MANAGER,
    CENTRES,
    CITIZEN,
    DECISION_BODIES,
    DEMO_PASSWORD,
    DISTRICTS,
    ELECTION_PERIODS,
    PLANNER,
    PREVIOUS_HALF_PROCESSES,
    PRIVACY_OFFICER,
    PROCESSES,
    RELATIVE,
    USERS,
    ActivityData,
    ProcessData,
)
from inddrag.demo.stakeholders import seed_stakeholders
from inddrag.evaluation.indicators import current_half, election_halves
from inddrag.lib.calendar import COPENHAGEN, is_working_day, local_date
from inddrag.organisation.models import Centre, DecisionBody, District, ElectionPeriod
from inddrag.principles.checks import Severity, run_checks
from inddrag.principles.plan import load_plan
from inddrag.processes.models import (
    Activity,
    FrameItem,
    Milestone,
    Phase,
    Process,
    ProcessTargetGroup,
)

PUBLISHED_AT = datetime.time(9, 0)


# --- Dates --------------------------------------------------------------------------------------


def working_day(day: datetime.date) -> datetime.date:
    """The day itself if it is a Danish working day, otherwise the next one."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def _moment(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, at, tzinfo=COPENHAGEN)


def _offset(today: datetime.date, days: int) -> datetime.date:
    return today + datetime.timedelta(days=days)


def activity_days(data: ActivityData, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First and last day of an activity: both on working days, at least ``days`` apart."""
    first = working_day(_offset(today, data.day))
    return first, working_day(_offset(first, data.days))


# --- Reference data and users -------------------------------------------------------------------


def seed_reference_data() -> None:
    """Centres, decision bodies, districts and election periods, keyed by name or start."""
    for centre in CENTRES:
        Centre.objects.update_or_create(
            name=centre.name,
            defaults={
                "short_name": centre.short_name,
                "contact_email": centre.contact_email,
                "contact_phone": centre.contact_phone,
            },
        )
    for body in DECISION_BODIES:
        DecisionBody.objects.update_or_create(
            name=body.name, defaults={"kind": body.kind, "order": body.order}
        )
    for district in DISTRICTS:
        District.objects.update_or_create(
            name=district.name,
            defaults={
                "postcode": district.postcode,
                "is_whole_municipality": district.is_whole_municipality,
                "order": district.order,
            },
        )
    for starts_on in ELECTION_PERIODS:
        ElectionPeriod.objects.get_or_create(starts_on=starts_on)


def seed_users() -> dict[str, User]:
    """The demo users by username. A password is set only when a user is first created."""
    centres = {centre.name: centre for centre in Centre.objects.all()}
    users: dict[str, User] = {}
    for data in USERS:
        user, created = User.objects.update_or_create(
            username=data.username,
            defaults={
                "first_name": data.first_name,
                "last_name": data.last_name,
                "email": data.email,
                "role": data.role,
                "title": data.title,
                "centre": centres[data.centre] if data.centre else None,
                "is_staff": data.is_superuser,
                "is_superuser": data.is_superuser,
                "is_active": True,
            },
        )
        if created:
            if data.can_log_in:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save(update_fields=["password"])
        users[data.username] = user
    # The data protection group: may find, export and erase everything held about a person.
    group, _ = Group.objects.get_or_create(name="Databeskyttelse")
    group.permissions.add(Permission.objects.get(codename="handle_personal_data"))
    users[PRIVACY_OFFICER].groups.add(group)
    # Centre management: may see the citizens' evaluations of cases, counted (docs/cases.md).
    group, _ = Group.objects.get_or_create(name="Centerledelse")
    group.permissions.add(Permission.objects.get(codename="view_evaluation_report"))
    users[CENTRE_MANAGER].groups.add(group)
    return users


# --- Processes ----------------------------------------------------------------------------------


def seed_process(data: ProcessData, users: dict[str, User], today: datetime.date) -> Process:
    """Create or update one process by title and replace everything that hangs off it."""
    published_at = None
    if data.published is not None:
        published_at = _moment(_offset(today, data.published), PUBLISHED_AT)
    process, _created = Process.objects.update_or_create(
        title=data.title,
        defaults={
            "kind": data.kind,
            "summary": data.summary,
            "how_to_take_part": data.how_to_take_part,
            "centre": Centre.objects.get(name=data.centre),
            "responsible": users[data.responsible],
            "status": data.status,
            "influence_level": data.influence_level,
            "proportionality": data.proportionality,
            "esdh_reference": data.esdh_reference,
            "kle_number": data.kle_number,
            "planned_hours": data.planned_hours,
            "used_hours": data.used_hours,
            "published_at": published_at,
        },
    )
    process.districts.set(District.objects.filter(name__in=data.districts))
    process.participants.set([users[name] for name in data.participants])

    # Activities first: they point at phases and milestones.
    process.activities.all().delete()
    process.phases.all().delete()
    process.milestones.all().delete()
    process.frame_items.all().delete()
    process.target_groups.all().delete()

    ProcessTargetGroup.objects.bulk_create(
        ProcessTargetGroup(process=process, group=group) for group in data.target_groups
    )
    FrameItem.objects.bulk_create(
        FrameItem(process=process, kind=item.kind, text=item.text, reason=item.reason, order=n)
        for n, item in enumerate(data.frame, start=1)
    )
    bodies = {body.name: body for body in DecisionBody.objects.all()}
    milestones = {
        m.key: Milestone.objects.create(
            process=process,
            body=bodies[m.body],
            meeting_date=working_day(_offset(today, m.day)),
            decides=m.decides,
        )
        for m in data.milestones
    }
    spans = {activity: activity_days(activity, today) for activity in data.activities}
    phases: dict[str, Phase] = {}
    for phase in data.phases:
        own = [span for activity, span in spans.items() if activity.phase == phase.key]
        phases[phase.key] = Phase.objects.create(
            process=process,
            title=phase.title,
            description=phase.description,
            # A phase always spans its activities, even when they moved to a working day.
            starts_on=min([_offset(today, phase.start), *(first for first, _ in own)]),
            ends_on=max([_offset(today, phase.end), *(last for _, last in own)]),
        )
    for activity, (first, last) in spans.items():
        Activity.objects.create(
            process=process,
            phase=phases[activity.phase] if activity.phase else None,
            title=activity.title,
            method=activity.method,
            description=activity.description,
            starts_at=_moment(first, activity.starts),
            ends_at=_moment(last, activity.ends),
            location=activity.location,
            online_url=activity.online_url,
            hearing_type=activity.hearing_type,
            feeds_milestone=milestones[activity.feeds] if activity.feeds else None,
        )
    return process


@transaction.atomic
def seed(now: datetime.datetime | None = None) -> list[Process]:
    """Seed everything as of ``now`` (default: the current time) and return the processes."""
    today = local_date(now or timezone.now())
    seed_reference_data()
    users = seed_users()
    processes = [seed_process(data, users, today) for data in PROCESSES]
    # Projects of the previous half of the election period, dated from its last day.
    current = current_half(election_halves(), today)
    if current is not None:
        before = current.previous().end
        processes += [seed_process(data, users, before) for data in PREVIOUS_HALF_PROCESSES]
    case_types = seed_case_types()
    case = seed_case(case_types, users, today)
    seed_evaluations(case_types, today)
    staged = seed_staged_cases(case_types, users, today)
    return [*processes, case, *staged]


def seed_rounds(now: datetime.datetime | None = None) -> int:
    """The evaluation rounds, after everything they measure is seeded."""
    today = local_date(now or timezone.now())
    users = {u.username: u for u in User.objects.filter(role=User.Role.STAFF)}
    return seed_evaluation_rounds(users, today)


# --- Verification -------------------------------------------------------------------------------


def check_problems(
    processes: list[Process], now: datetime.datetime | None = None
) -> tuple[list[str], list[str]]:
    """Run the principle checks on every process.

    Returns one summary line per process and the problems found: a blocker on anything but a
    draft, or a draft meant to show the checks at work that has no blocker.
    """
    lines: list[str] = []
    problems: list[str] = []
    for process in processes:
        results = run_checks(load_plan(process.pk), now=now)
        blocking = [r for r in results if r.severity == Severity.BLOCKER]
        warnings = [r for r in results if r.severity == Severity.WARNING]
        kind = "sag" if process.is_case else "projekt"
        lines.append(
            f"  {process.get_status_display():<28} {process.title} ({kind}): "
            f"{len(blocking)} blokering(er), {len(warnings)} advarsel(er)"
        )
        if process.status != Process.Status.DRAFT:
            problems += [f"{process.title}: {r.message}" for r in blocking]
        elif not blocking:
            problems.append(f"{process.title}: kladden skulle have mindst én blokering")
    return lines, problems


class Command(BaseCommand):
    help = "Indlæs demodata for Ballerup Kommune (kan køres igen uden dubletter)."

    def handle(self, *args: object, **options: object) -> None:
        now = timezone.now()
        clear_contributions()
        processes = seed(now)
        stakeholders = seed_stakeholders(now)
        contributions = seed_contributions(now)
        documents = seed_outcomes(local_date(now))
        analysis = seed_analysis()
        project_evaluations = seed_project_evaluations(local_date(now))
        hearing_lists = seed_hearing_lists(now)
        assessments = seed_rounds(now)
        lines, problems = check_problems(processes, now)
        projects = sum(1 for p in processes if not p.is_case)
        self.stdout.write(
            f"Demodata klar: {len(processes)} inddragelsesforløb "
            f"({projects} projekter, {len(processes) - projects} sag(er))."
        )
        self.stdout.write(
            f"Interessentregister: {stakeholders['stakeholders']} interessenter, "
            f"{stakeholders['duties']} lovbestemte høringspligter, {stakeholders['topics']} emner, "
            f"{stakeholders['population']} befolkningstal."
        )
        self.stdout.write(
            f"Demobidrag: {contributions} (nogle med svar, nogle til screening; den åbne høring "
            "om Lokalplan 123 har ca. 300 med en kampagne til tekstanalysen)."
        )
        if analysis is not None:
            self.stdout.write(
                f"Analyse af Lokalplan 123: {analysis.topics} emner, {analysis.groups} kampagner "
                f"og dubletter ({analysis.grouped} bidrag) på {analysis.seconds:.1f} s."
            )
        self.stdout.write(f"Høringslister: {hearing_lists} inviterede interessenter i alt.")
        self.stdout.write(
            f"Borgernes evaluering efter projekters beslutning: {project_evaluations} anonyme svar "
            "(/personale/evaluering/)."
        )
        self.stdout.write(
            f"Evaluering af principperne: to runder, {assessments} registrerede vurderinger "
            "(/personale/evaluering/runder/; planlaegger opretter runder)."
        )
        self.stdout.write(
            f"Demodokumenter: {documents} (høringsudgaver, endelige udgaver med synlige "
            "rettelser koblet til bidrag, og beslutninger)."
        )
        for line in lines:
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(f"Log ind som personale: {PLANNER} / {DEMO_PASSWORD}")
        self.stdout.write(
            f"Log ind som sagsbehandler (Mine sager på /personale/sager/): "
            f"{CASEWORKER} / {DEMO_PASSWORD}"
        )
        self.stdout.write(f"Log ind som borger (Min sag på forsiden): {CITIZEN} / {DEMO_PASSWORD}")
        self.stdout.write(
            f"Log ind som pårørende (ser og skriver i Karens sag): {RELATIVE} / {DEMO_PASSWORD}"
        )
        self.stdout.write(
            f"Persondata om en borger (søg fx borger1@ballerup.example på /personale/persondata/): "
            f"{PRIVACY_OFFICER} / {DEMO_PASSWORD}"
        )
        self.stdout.write(
            f"Borgernes evaluering af sager på /personale/sager/evaluering/: "
            f"{CENTRE_MANAGER} / {DEMO_PASSWORD}"
        )
        self.stdout.write(f"Administration af stamdata på /admin/: {ADMIN} / {DEMO_PASSWORD}")
        self.stdout.write(
            f"Kommunens principper og grænser på /personale/principper/: {ADMIN} / {DEMO_PASSWORD}"
        )
        if problems:
            for problem in problems:
                self.stderr.write(self.style.WARNING(f"Advarsel: {problem}"))
            raise CommandError("Principtjekket fandt fejl i demodata (se ovenfor).")
