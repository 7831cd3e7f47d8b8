"""URLs of cases: "Min sag" (public namespace "cases", for the case's participants) and the
staff pages (namespace "staff:cases"). ``inddrag.urls`` puts this app's staff URLs before the
processes app's, whose "forloeb/<pk>/<slug>/" would answer for "sagstrin"."""

from django.urls import path

from inddrag.cases.views import decision, evaluation, meetings, public, staff

app_name = "cases"

urlpatterns = [
    path("sager/<int:pk>/", public.my_case, name="detail"),
    path("sager/<int:pk>/partshoering/svar/", decision.answer, name="hearing_answer"),
    path("sager/<int:pk>/partshoering/udkast/", decision.draft_file, name="hearing_draft_file"),
    path("sager/<int:pk>/partshoering/bilag/", decision.answer_file, name="hearing_answer_file"),
    path("sager/<int:pk>/evaluering/", decision.evaluation, name="evaluation"),
    path("sager/<int:pk>/beskeder/", public.send, name="message"),
    path("sager/<int:pk>/bilag/<int:file_pk>/", public.attachment, name="attachment"),
    path("sager/<int:pk>/adgang/", public.grant, name="grant"),
    path(
        "sager/<int:pk>/adgang/<int:grant_pk>/tilbagekald/", public.withdraw, name="withdraw_grant"
    ),
    path("sager/<int:pk>/moeder/<int:meeting_pk>/vaelg/", meetings.pick, name="meeting_pick"),
    path(
        "sager/<int:pk>/moeder/<int:meeting_pk>/anden-tid/",
        meetings.other_time,
        name="meeting_other_time",
    ),
    path("sager/<int:pk>/moeder/<int:meeting_pk>/behov/", meetings.needs, name="meeting_needs"),
    path(
        "sager/<int:pk>/moeder/<int:meeting_pk>/moede.ics",
        meetings.calendar,
        name="meeting_ics",
    ),
]

staff_urlpatterns = [
    path("sager/", staff.mine, name="mine"),
    path("sager/ny/", staff.create, name="create"),
    path("sager/evaluering/", evaluation.report, name="evaluation_report"),
    path("sager/evaluering/csv/", evaluation.report_csv, name="evaluation_report_csv"),
    path("forloeb/<int:pk>/sagstrin/", staff.steps, name="steps"),
    path("forloeb/<int:pk>/partshoering/", decision.hearing, name="hearing"),
    path("forloeb/<int:pk>/sagsafgoerelse/", decision.decision, name="decision"),
    path("forloeb/<int:pk>/beskeder/", staff.case_messages, name="messages"),
    path("forloeb/<int:pk>/moeder/", meetings.meetings, name="meetings"),
    path("forloeb/<int:pk>/adgang/", staff.access, name="access"),
]
