from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from inddrag.accounts.permissions import (
    EVALUATION_REPORT_SESSION_KEY,
    PERSONAL_DATA_SESSION_KEY,
    POLICY_SESSION_KEY,
    is_staff_member,
)


def site(request: HttpRequest) -> dict:
    """The site's name, whether the visitor is staff, and which menu item the page is under:
    every page in the "staff" URL namespace is under "For medarbejdere" — including each page
    of a process (its hearing list, documents, memo …) — except the stakeholder registry,
    "Mine sager", the evaluation report of cases, the evaluation of the principles and the
    principles' settings, which have menu items of their own."""
    match = getattr(request, "resolver_match", None)
    current = ""
    if match and match.namespaces[:1] == ["staff"]:
        registry = reverse("staff:stakeholders:list")
        current = "registry" if request.path.startswith(registry) else "staff"
        if match.namespaces[1:2] == ["privacy"]:
            current = "privacy"
        if match.view_name in ("staff:cases:mine", "staff:cases:create"):
            current = "cases"
        if match.view_name == "staff:cases:evaluation_report":
            current = "evaluation"
        if match.namespaces[1:2] == ["evaluation"]:
            current = "principles_evaluation"
        if match.namespaces[1:2] == ["principles"]:
            current = "principles"
    return {
        "inddrag_site_name": settings.INDDRAG_SITE_NAME,
        "menu_current": current,
        "is_staff_member": is_staff_member(getattr(request, "user", None)),
        "staff_2fa_on": settings.INDDRAG_STAFF_2FA != "off",
        "can_handle_personal_data": bool(
            getattr(request, "session", {}).get(PERSONAL_DATA_SESSION_KEY)
        ),
        "can_see_evaluation_report": bool(
            getattr(request, "session", {}).get(EVALUATION_REPORT_SESSION_KEY)
        ),
        "can_change_policy": bool(getattr(request, "session", {}).get(POLICY_SESSION_KEY)),
    }
