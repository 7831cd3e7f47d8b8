"""Who is a member of staff, and the guard every staff page starts with."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from inddrag.accounts import services

log = logging.getLogger(__name__)

# The login page reads this to say why a stronger login is asked for (views.public.STEP_UP_KEY).
STEP_UP_KEY = "assurance_step_up"


def is_staff_member(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_municipal_staff)


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors are sent to the login page; anyone else who is not staff gets a 404,
    so the staff pages do not reveal themselves."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


# The permission that lets a member of staff find, export and erase everything held about a
# person (``inddrag.privacy``): given to the data protection group in /admin/, and to superusers.
PERSONAL_DATA_PERMISSION = "privacy.handle_personal_data"


def can_handle_personal_data(user) -> bool:
    return is_staff_member(user) and user.has_perm(PERSONAL_DATA_PERMISSION)


def data_protection_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like ``staff_required``, for the pages about one person's data: anyone without the
    permission gets a 404, staff too."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_handle_personal_data(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


# The citizens' evaluations of cases, counted (``cases.services.evaluation_summary``): for centre
# management and administrators, given to a group in /admin/ (docs/cases.md), and to superusers.
EVALUATION_REPORT_PERMISSION = "cases.view_evaluation_report"


def can_see_evaluation_report(user) -> bool:
    return is_staff_member(user) and user.has_perm(EVALUATION_REPORT_PERMISSION)


def evaluation_report_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like ``staff_required``, for the evaluation report: anyone without the permission gets
    a 404, staff too."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_see_evaluation_report(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


# The permission to change the municipality's principles and policy thresholds
# (``inddrag.principles``, /personale/principper/): for administrators, given to a group in
# /admin/, and to superusers.
POLICY_PERMISSION = "principles.change_policy"


def can_change_policy(user) -> bool:
    return is_staff_member(user) and user.has_perm(POLICY_PERMISSION)


def policy_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like ``staff_required``, for the pages that change the principles and thresholds: anyone
    without the permission gets a 404, staff too."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_change_policy(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


# Whether to show the "Persondata", "Evaluering af sager" and "Principper og grænser" menu items:
# remembered in the session at login, so the menu costs no permission queries on every page (the
# pages themselves check the permission).
PERSONAL_DATA_SESSION_KEY = "can_handle_personal_data"
EVALUATION_REPORT_SESSION_KEY = "can_see_evaluation_report"
POLICY_SESSION_KEY = "can_change_policy"


def remember_personal_data_permission(sender, request: HttpRequest, user, **kwargs) -> None:
    """``user_logged_in`` receiver."""
    if request is not None and hasattr(request, "session"):
        request.session[PERSONAL_DATA_SESSION_KEY] = can_handle_personal_data(user)
        request.session[EVALUATION_REPORT_SESSION_KEY] = can_see_evaluation_report(user)
        request.session[POLICY_SESSION_KEY] = can_change_policy(user)


def case_assurance_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a citizen's own case: a citizen signed in below ``INDDRAG_CASE_ASSURANCE`` (a local
    password in production, MitID at "low") is sent to the login page, which asks for MitID and
    comes back here. Staff are not asked (their login has its own rules: the directory, or a
    password with two-step login); visitors not signed in are left to the view (a 404 or the
    login page, as before). Put it under ``@process_view(VIEW)``, so non-participants still get
    the 404 first."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not is_staff_member(user)
            and not services.has_case_assurance(request)
        ):
            log.info(
                "Case page needs assurance %s; user %s signed in at %s through %s: "
                "sent to log in again",
                settings.INDDRAG_CASE_ASSURANCE,
                user.pk,
                services.session_assurance(request),
                services.signed_in_through(request),
            )
            request.session[STEP_UP_KEY] = True
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper
