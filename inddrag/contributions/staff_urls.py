"""Staff URLs for contributions, under /personale/forloeb/<pk>/bidrag/.

Included before ``inddrag.processes.staff_urls``, whose ``forloeb/<pk>/<slug>/`` would otherwise
take "bidrag" for a section of the edit page.
"""

from django.urls import path

from inddrag.contributions import staff_views as views

app_name = "contributions_staff"

urlpatterns = [
    path("forloeb/<int:pk>/bidrag/", views.inbox, name="inbox"),
    path("forloeb/<int:pk>/bidrag/registrer/", views.register, name="register"),
    path("forloeb/<int:pk>/bidrag/besvar/", views.answer_many, name="answer_many"),
    path("forloeb/<int:pk>/bidrag/offentliggoer-svar/", views.publish, name="publish"),
    path("forloeb/<int:pk>/bidrag/<int:cid>/", views.detail, name="detail"),
    path("forloeb/<int:pk>/bidrag/<int:cid>/svar/", views.answer_one, name="answer"),
    path("forloeb/<int:pk>/bidrag/<int:cid>/godkend/", views.approve, name="approve"),
    path("forloeb/<int:pk>/bidrag/<int:cid>/afvis/", views.decline, name="decline"),
    path(
        "forloeb/<int:pk>/bidrag/<int:cid>/fund/<int:flag_pk>/",
        views.resolve,
        name="resolve",
    ),
    path(
        "forloeb/<int:pk>/bidrag/<int:cid>/bilag/<int:attachment_pk>/",
        views.attachment,
        name="attachment",
    ),
]
