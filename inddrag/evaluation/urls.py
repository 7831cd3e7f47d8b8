from django.urls import path

from inddrag.evaluation.views import public, staff

app_name = "evaluation"

urlpatterns: list = [
    path("evaluering/", public.rounds, name="rounds"),
    path("evaluering/<int:pk>/", public.round_page, name="round"),
]

staff_urlpatterns = [
    path("evaluering/", staff.indicators_page, name="indicators"),
    path("evaluering/forloeb/", staff.behind, name="behind"),
    path("evaluering/runder/", staff.rounds, name="rounds"),
    path("evaluering/runder/ny/", staff.round_create, name="round_create"),
    path("evaluering/runder/<int:pk>/", staff.round_detail, name="round"),
    path("evaluering/runder/<int:pk>/rediger/", staff.round_edit, name="round_edit"),
    path("evaluering/runder/<int:pk>/offentliggoer/", staff.round_publish, name="round_publish"),
    path("evaluering/vurderinger/<int:pk>/", staff.assessment, name="assessment"),
    path("evaluering/runder/<int:pk>/rapport/", staff.round_report, name="round_report"),
    path(
        "evaluering/vurderinger/<int:pk>/rapport/",
        staff.assessment_report,
        name="assessment_report",
    ),
    path("evaluering/rapporter/<int:pk>/status/", staff.report_progress, name="report_progress"),
    path(
        "evaluering/rapporter/<int:pk>/<str:kind>/", staff.report_download, name="report_download"
    ),
]
