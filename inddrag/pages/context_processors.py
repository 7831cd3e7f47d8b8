from django.conf import settings
from django.http import HttpRequest

from inddrag.processes.permissions import is_staff_member


def site(request: HttpRequest) -> dict:
    return {
        "inddrag_site_name": settings.INDDRAG_SITE_NAME,
        "is_staff_member": is_staff_member(getattr(request, "user", None)),
    }
