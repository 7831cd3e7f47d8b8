"""The demo in a real browser, as the people it is for meet it.

- Every page each role reaches by following links from its start pages, at desktop (1280×900)
  and mobile (390×844) width: it answers 200, nothing it loads fails, no script error, and
  axe-core finds no WCAG 2.1 A/AA violation. With ``INDDRAG_SCREENSHOTS=<folder>`` a screenshot
  of each page at both widths is kept there (``walk-<role>-<nn>-<page>-<width>.png``), so a
  reviewer can look at them all in one folder.
- Every staff edit form of the demo, saved unchanged, shows no error and changes nothing in the
  database (a number rendered as "220,0" in a number field once lost the planner's data).
- Every action on a busy edit page can be clicked at both widths: nothing (the checks panel)
  covers it.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import Resolver404, resolve

from inddrag.contributions import services as contribution_services
from inddrag.contributions.models import Source
from inddrag.processes.models import Process
from inddrag.stakeholders.models import HearingListEntry
from inddrag.stakeholders.services import invitation_token
from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}
PASSWORD = "inddrag-demo"
USERS = {
    "planner": "planlaegger",
    "caseworker": "sagsbehandler",
    "citizen": "borger",
    "privacy officer": "databeskyttelse",
    "relative": "paarorende",
    "centre manager": "centerchef",
    "administrator": "admin",
}

# Not pages: downloads, htmx fragments, POST-only steps, the API and the admin.
NOT_PAGES = {
    "accounts:logout",
    "set_language",
    "pages:favicon",
    "memos:docx",
    "memos:pdf",
    "documents:download",
    "contributions:attachment",
    "cases:attachment",
    "cases:hearing_draft_file",
    "cases:hearing_answer_file",
    "cases:meeting_ics",
    "staff:cases:evaluation_report_csv",
    "staff:documents:download",
    "staff:memos:download",
    "staff:memos:progress",
    "staff:processes:checks",
    "staff:contributions:attachment",
    "staff:stakeholders:export_csv",
    "staff:stakeholders:export_xlsx",
}
# Pages seen once per role, except these, which differ a lot from one process to the next.
EVERY_ONE = {
    "processes:detail",
    "staff:processes:edit",
    "staff:documents:list",
    "staff:documents:document",
    "staff:documents:version",
}
# Staff are walked through the staff pages; the public ones are the anonymous visitor's walk.
STAFF_ONLY = {"planner", "caseworker", "privacy officer", "centre manager", "administrator"}
# Roles walked through only some staff pages (the planner's walk covers the rest): the
# administrator reaches the principles' pages from the menu of the dashboard.
ONLY = {"administrator": ("staff:dashboard", "staff:principles:")}
# Pages of a staff member's own account, outside the staff namespace (the header links them).
STAFF_ACCOUNT_PAGES = {"accounts:two_factor"}

# The pages each role must have reached: a page no link leads to is a page nobody finds.
MUST_REACH = {
    "anonymous": {
        "processes:home",
        "processes:list",
        "processes:detail",
        "pages:accessibility",
        "pages:principles",
        "pages:privacy",
        "accounts:login",
        "documents:version",
        "documents:compare",
        "evaluation:rounds",
        "evaluation:round",
    },
    "citizen": {"processes:home", "cases:detail"},
    "relative": {"processes:home", "cases:detail"},
    "privacy officer": {"staff:privacy:search"},
    "centre manager": {"staff:cases:evaluation_report"},
    "administrator": {
        "staff:principles:overview",
        "staff:principles:principle",
        "staff:principles:threshold",
    },
    "caseworker": {
        "accounts:two_factor",
        "staff:dashboard",
        "staff:processes:edit",
        "staff:contributions:inbox",
        "staff:contributions:detail",
        "staff:documents:list",
        "staff:cases:mine",
        "staff:cases:create",
        "staff:cases:steps",
        "staff:cases:hearing",
        "staff:cases:decision",
        "staff:cases:messages",
        "staff:cases:meetings",
        "staff:cases:access",
    },
    "planner": {
        "staff:evaluation:indicators",
        "staff:evaluation:behind",
        "staff:evaluation:rounds",
        "staff:evaluation:round",
        "staff:evaluation:round_create",
        "staff:evaluation:round_edit",
        "staff:evaluation:assessment",
        "staff:dashboard",
        "staff:processes:create",
        "staff:processes:edit",
        "staff:processes:row_edit",
        "staff:processes:decision",
        "staff:contributions:inbox",
        "staff:contributions:register",
        "staff:contributions:publish",
        "staff:contributions:detail",
        "staff:documents:list",
        "staff:documents:document",
        "staff:documents:version",
        "staff:documents:compare",
        "staff:documents:link",
        "staff:memos:preview",
        "staff:memos:topics",
        "staff:analysis:overview",
        "staff:analysis:group",
        "staff:analysis:paragraphs",
        "staff:stakeholders:list",
        "staff:stakeholders:create",
        "staff:stakeholders:detail",
        "staff:stakeholders:edit",
        "staff:stakeholders:duties",
        "staff:stakeholders:duty_create",
        "staff:stakeholders:duty_edit",
        "staff:stakeholders:import",
        "staff:stakeholders:hearing_list",
        "staff:stakeholders:breadth",
    },
}


@pytest.fixture
def demo(live_server):
    call_command("seed_demo", stdout=_Null(), stderr=_Null())
    return live_server.url


class _Null:
    def write(self, _text: str) -> None:
        pass


def _log_in(page, base: str, role: str) -> None:
    if role not in USERS:
        return
    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill(USERS[role])
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()
    assert "/log-ind/" not in page.url, f"{role} could not log in"


def _page_name(url: str, role: str) -> str | None:
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    name = match.view_name
    if name.startswith(("admin:", "api-v1:")) or name in NOT_PAGES:
        return None
    if role in STAFF_ONLY and not (name.startswith("staff:") or name in STAFF_ACCOUNT_PAGES):
        return None
    if role in ONLY and not name.startswith(ONLY[role]):
        return None
    return name


def _without_query(url: str) -> str:
    """The page itself: a page is walked once, unfiltered ("?state=flagged" from the work queue
    would otherwise stand for the whole inbox)."""
    return urlsplit(url)._replace(query="", fragment="").geturl()


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "forside"


def _start_pages(role: str) -> list[str]:
    if role == "anonymous":
        return ["/", "/forloeb/", "/om-principperne/", "/tilgaengelighed/", "/log-ind/"]
    if role == "citizen":  # each of the demo citizen's cases: a meeting booked, a partshøring open
        cases = Process.objects.filter(kind=Process.Kind.CASE, participants__username="borger")
        return [*(f"/sager/{pk}/" for pk in cases.values_list("pk", flat=True)), "/"]
    if role == "relative":  # the front page lists the case the relative may see
        return ["/"]
    if role == "caseworker":
        return ["/personale/"]
    if role in ("privacy officer", "centre manager", "administrator"):
        return ["/personale/"]
    # Lokalplan 123's analysis: among the planner's many processes, its page may be past the
    # pages of a kind walked (PAGES_OF_A_KIND), and its campaigns are only linked from it.
    analysed = Process.objects.get(title="Lokalplan 123 for boliger ved Ballerup Station")
    return [
        "/personale/",
        "/personale/interessenter/",
        "/personale/interessenter/pligter/",
        f"/personale/forloeb/{analysed.pk}/analyse/",
    ]


def _extra_pages(role: str) -> list[str]:
    """Pages reached from an e-mail, not a link: the private receipt and the invitation."""
    if role != "anonymous":
        return []
    process = Process.objects.get(title="Lokalplan 123 for boliger ved Ballerup Station")
    result = contribution_services.submit(
        process,
        contribution_services.SubmissionData(
            text="Jeg vil gerne have flere cykelparkeringer ved stationen.",
            speaking_as="private",
            consent="anonymous",
        ),
        [],
        source=Source.ONLINE,
    )
    pages = [f"/bidrag/{result.token}/"]
    invited = HearingListEntry.objects.filter(invited_at__isnull=False).first()
    if invited is not None:
        pages.append(f"/invitation/{invitation_token(invited)}/")
    return pages


def _check(page, label: str, problems: list[str]) -> None:
    violations = axe_violations(page)
    if violations:
        problems.append(f"{label}: axe {violations}")


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "citizen",
        "relative",
        "caseworker",
        "planner",
        "privacy officer",
        "centre manager",
        "administrator",
    ],
)
def test_every_page_of_the_demo_at_both_widths(browser, demo, role):
    context = browser.new_context(viewport=WIDTHS["desktop"])
    page = context.new_page()
    failed: list[str] = []
    page.on(
        "response",
        lambda r: (
            failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and urlsplit(r.url).netloc == urlsplit(demo).netloc
            else None
        ),
    )
    page.on("pageerror", lambda error: failed.append(f"script error: {error}"))
    page.on(  # the Content-Security-Policy refuses something the page needs
        "console",
        lambda m: (
            failed.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None
        ),
    )
    _log_in(page, demo, role)

    queue = [demo + path for path in _start_pages(role) + _extra_pages(role)]
    seen_paths: set[str] = set()  # a page once, whatever its filters or page number
    seen_names: Counter[str] = Counter()
    problems: list[str] = []
    number = 0
    while queue:
        url = _without_query(queue.pop(0))
        name = _page_name(url, role)
        if urlsplit(url).path in seen_paths or name is None:
            continue
        seen_paths.add(urlsplit(url).path)
        once = name not in EVERY_ONE or (role == "citizen" and name != "cases:detail")
        if seen_names[name] and once:
            continue
        seen_names[name] += 1
        number += 1
        response = page.goto(url)
        path = urlsplit(url).path
        if response is None or response.status != 200:
            problems.append(f"{path}: {response.status if response else 'no response'}")
            continue
        label = f"{role} {path}"
        for width, size in WIDTHS.items():
            page.set_viewport_size(size)
            _check(page, f"{label} at {width}", problems)
            screenshot(page, f"walk-{role}-{number:02d}-{_slug(path)[:60]}-{width}")
        page.set_viewport_size(WIDTHS["desktop"])
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        queue += [link for link in links if urlsplit(link).netloc == urlsplit(demo).netloc]
    context.close()

    missing = MUST_REACH[role] - set(seen_names)
    assert not missing, f"{role} never reached: {sorted(missing)}"
    assert not failed, f"{role}: requests that failed: {failed}"
    assert not problems, f"{role}: " + "\n".join(problems)


# --- Every edit form saved unchanged changes nothing ------------------------------------------

# Forms that show what is saved and save it again: the form's action names which.
EDIT_FORMS = {
    "staff:processes:edit",
    "staff:processes:row_edit",
    "staff:processes:decision",
    "staff:contributions:answer",
    "staff:memos:contribution",
    "staff:memos:topic_rename",
    "staff:analysis:rename",
    "staff:analysis:summary",
    "staff:documents:document",
    "staff:documents:link",
    "staff:stakeholders:edit",
    "staff:stakeholders:duty_edit",
    "staff:evaluation:round_edit",
    "staff:evaluation:assessment",
}
# How many forms of each kind are saved (all of the process's own rows and details).
AT_MOST = {
    "staff:contributions:answer": 3,
    "staff:memos:contribution": 3,
    "staff:memos:topic_rename": 2,
    "staff:analysis:rename": 2,
    "staff:analysis:summary": 2,
    "staff:documents:link": 3,
    "staff:stakeholders:edit": 3,
}
# An answer form edits a drafted answer; on a contribution not yet answered it is a new one.
EDITS_ONLY_WITH = {
    "staff:contributions:answer": ".answer-draft-note",
    # the draft assessment (a recorded one has only "reopen", which is not an edit form)
    "staff:evaluation:assessment": "form.assessment-form",
}
PAGES_OF_A_KIND = 12  # every process of the planner's; a few contributions and stakeholders
# Every one of these: which contributions have a drafted answer depends on the day, and only one
# assessment of the demo is a draft.
EVERY_FORM_PAGE = {"staff:contributions:detail", "staff:evaluation:assessment"}
DATA_APPS = (
    "organisation",
    "accounts",
    "processes",
    "contributions",
    "documents",
    "memos",
    "stakeholders",
    "notifications",
    "cases",
    "evaluation",
    "principles",
)
NOT_DATA = {"last_login"}  # logging in is not saving a form


def _snapshot() -> dict[str, list[dict]]:
    rows = {}
    for label in DATA_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__ == "AccessLog":
                continue
            values = model.objects.order_by("pk").values()
            rows[model.__name__] = [
                {k: v for k, v in row.items() if k not in NOT_DATA} for row in values
            ]
    return rows


def _differences(before: dict, after: dict) -> list[str]:
    found = []
    for model, rows in after.items():
        old = {row.get("id", i): row for i, row in enumerate(before[model])}
        new = {row.get("id", i): row for i, row in enumerate(rows)}
        if old.keys() != new.keys():
            found.append(f"{model}: rows {sorted(old.keys() ^ new.keys())} added or removed")
        for pk in old.keys() & new.keys():
            changed = [k for k in new[pk] if new[pk][k] != old[pk].get(k)]
            if changed:
                found.append(f"{model} {pk}: {changed}")
    return found


def _edit_forms(page, base: str) -> list[tuple[str, int, str]]:
    """(page, index of the form on it, its action's name) for every edit form the planner
    reaches by links from the start page, each action once."""
    analysed = Process.objects.get(title="Lokalplan 123 for boliger ved Ballerup Station")
    queue = [
        base + "/personale/",
        base + "/personale/interessenter/pligter/",
        base + f"/personale/forloeb/{analysed.pk}/analyse/",  # its topics' forms
    ]
    seen_paths: set[str] = set()  # a page once, whatever its filters or page number
    seen_names: Counter[str] = Counter()
    actions: set[str] = set()
    found: list[tuple[str, int, str]] = []
    while queue:
        url = _without_query(queue.pop(0))
        name = _page_name(url, "planner")
        if urlsplit(url).path in seen_paths or name is None:
            continue
        seen_paths.add(urlsplit(url).path)
        if seen_names[name] >= PAGES_OF_A_KIND and name not in EVERY_FORM_PAGE:
            continue
        seen_names[name] += 1
        page.goto(url)
        forms = page.eval_on_selector_all("form", "els => els.map(f => [f.method, f.action])")
        for index, (method, action) in enumerate(forms):
            action_name = _page_name(action, "planner") if method == "post" else None
            if action_name not in EDIT_FORMS or action.split("#")[0] in actions:
                continue
            marker = EDITS_ONLY_WITH.get(action_name)
            if marker and not page.locator(marker).count():
                continue
            if sum(1 for *_, n in found if n == action_name) >= AT_MOST.get(action_name, 1000):
                continue
            actions.add(action.split("#")[0])
            found.append((url, index, action_name))
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        queue += [link for link in links if urlsplit(link).netloc == urlsplit(base).netloc]
    return found


def test_every_staff_edit_form_of_the_demo_saves_unchanged(page, demo):
    _log_in(page, demo, "planner")
    forms = _edit_forms(page, demo)
    kinds = Counter(name for *_, name in forms)
    assert kinds.keys() == EDIT_FORMS, f"forms never found: {sorted(EDIT_FORMS - kinds.keys())}"
    statuses: list[int] = []
    page.on("response", lambda r: statuses.append(r.status))
    problems = []
    for url, index, name in forms:
        before = _snapshot()
        page.goto(url)
        statuses.clear()
        form = page.locator("form").nth(index)
        form.locator("button[type=submit], input[type=submit]").first.click()
        page.wait_for_load_state("networkidle")
        errors = page.locator(".form-error-message:visible, .alert-error:visible").all_inner_texts()
        label = f"{name} on {urlsplit(url).path} (form {index})"
        if errors:
            problems.append(f"{label}: {errors}")
        if any(status >= 400 for status in statuses):
            problems.append(f"{label}: answered {statuses}")
        changed = _differences(before, _snapshot())
        if changed:
            problems.append(f"{label} changed {changed}")
    assert not problems, f"{len(forms)} forms saved ({dict(kinds)}):\n" + "\n".join(problems)


def test_the_case_forms_save_unchanged(page, demo):
    """The caseworker saves the case's steps and the companion question as shown, the citizen
    "Det vigtigste for mig" and the needs at the booked meeting: nothing changes, no error."""
    case = Process.objects.get(kind=Process.Kind.CASE, title="Hjælpemidler til badeværelset")
    forms = [
        ("caseworker", f"/personale/forloeb/{case.pk}/sagstrin/", "main form"),
        ("caseworker", f"/personale/forloeb/{case.pk}/adgang/", "#ledsager form"),
        ("citizen", f"/sager/{case.pk}/", "#det-vigtigste form"),
        ("citizen", f"/sager/{case.pk}/", "form.meeting-needs-form"),
    ]
    problems = []
    for role, path, selector in forms:
        page.context.clear_cookies()
        _log_in(page, demo, role)
        before = _snapshot()
        page.goto(demo + path)
        form = page.locator(selector).first
        with page.expect_navigation():
            form.locator("button[type=submit]").first.click()
        errors = page.locator(".form-error-message:visible, .alert-error:visible").all_inner_texts()
        if errors:
            problems.append(f"{role} {path}: {errors}")
        changed = _differences(before, _snapshot())
        if changed:
            problems.append(f"{role} {path} changed {changed}")
    assert not problems, "\n".join(problems)


# --- Every action on a busy edit page can be clicked ------------------------------------------


def _busiest_process() -> Process:
    """The planner's process with the most rows on its edit page."""
    from django.db.models import Count

    return (
        Process.objects.filter(responsible__username=USERS["planner"])
        .annotate(
            rows=Count("activities", distinct=True)
            + Count("milestones", distinct=True)
            + Count("phases", distinct=True)
            + Count("frame_items", distinct=True)
        )
        .order_by("-rows")
        .first()
    )


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_action_on_a_busy_edit_page_can_be_clicked(browser, demo, width):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    _log_in(page, demo, "planner")
    process = _busiest_process()
    page.goto(f"{demo}/personale/forloeb/{process.pk}/")
    actions = page.locator("#main-content").locator("a[href], button, summary")
    clicked, problems = 0, []
    for index in range(actions.count()):
        action = actions.nth(index)
        if not action.is_visible():
            continue  # inside a closed section: not an action until it is opened
        try:
            # Only the checks a real click makes: visible, enabled, in view and not covered.
            action.click(trial=True, timeout=3000)
            clicked += 1
        except PlaywrightTimeout:
            problems.append(
                " ".join(action.inner_text().split())[:80]
                or action.evaluate("e => e.outerHTML")[:120]
            )
    context.close()
    assert clicked >= 30, f"only {clicked} actions on {process.title}"
    assert not problems, f"at {width}, these cannot be clicked: {problems}"
