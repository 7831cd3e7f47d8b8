"""URLs of contributions: sending one, the private receipt and the evaluation after the decision
(namespace "contributions"), and the staff pages of a process's contributions (namespace
"staff:contributions")."""

from django.urls import path

from inddrag.contributions.views import public, staff

app_name = "contributions"

urlpatterns = [
    path("forloeb/<int:pk>/bidrag/", public.submit, name="submit"),
    path("bidrag/bilag/<int:pk>/", public.attachment, name="attachment"),
    path("bidrag/evaluering/<str:token>/", public.evaluation, name="evaluation"),
    path("bidrag/<str:token>/", public.receipt, name="receipt"),
    path("bidrag/<str:token>/evaluering/", public.receipt_evaluation, name="receipt_evaluation"),
]

staff_urlpatterns = [
    path("forloeb/<int:pk>/bidrag/", staff.inbox, name="inbox"),
    path("forloeb/<int:pk>/bidrag/registrer/", staff.register, name="register"),
    path("forloeb/<int:pk>/bidrag/besvar/", staff.answer_many, name="answer_many"),
    path("forloeb/<int:pk>/bidrag/offentliggoer-svar/", staff.publish, name="publish"),
    path("forloeb/<int:pk>/bidrag/<int:cid>/", staff.detail, name="detail"),
    path("forloeb/<int:pk>/bidrag/<int:cid>/svar/", staff.answer_one, name="answer"),
    path("forloeb/<int:pk>/bidrag/<int:cid>/godkend/", staff.approve, name="approve"),
    path("forloeb/<int:pk>/bidrag/<int:cid>/afvis/", staff.decline, name="decline"),
    path("forloeb/<int:pk>/bidrag/<int:cid>/fund/<int:flag_pk>/", staff.resolve, name="resolve"),
    path(
        "forloeb/<int:pk>/bidrag/<int:cid>/bilag/<int:attachment_pk>/",
        staff.attachment,
        name="attachment",
    ),
]
