from django.conf import settings
from django.http import HttpRequest

from inddrag.processes.permissions import is_staff_member

STAFF_APPS = frozenset(
    {
        "staff",
        "contributions_staff",
        "documents_staff",
        "memos_staff",
        "hearing_list",
        "breadth",
    }
)


def site(request: HttpRequest) -> dict:
    return {
        "inddrag_site_name": settings.INDDRAG_SITE_NAME,
        # URL namespaces of the staff pages of a process (the "For medarbejdere" menu item).
        "staff_apps": STAFF_APPS,
        "is_staff_member": is_staff_member(getattr(request, "user", None)),
    }
