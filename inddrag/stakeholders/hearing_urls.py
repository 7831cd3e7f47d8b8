"""Staff URLs for a process's hearing list, under /personale/forloeb/<pk>/hoeringsliste/.

Included before ``inddrag.processes.staff_urls``, whose ``forloeb/<pk>/<slug>/`` would otherwise
take "hoeringsliste" for a section of the edit page.
"""

from django.urls import path

from inddrag.stakeholders import hearing_views as views

app_name = "hearing_list"

urlpatterns = [
    path("forloeb/<int:pk>/hoeringsliste/", views.hearing_list, name="list"),
    path("forloeb/<int:pk>/hoeringsliste/forslag/", views.refresh, name="refresh"),
    path("forloeb/<int:pk>/hoeringsliste/tilfoej/", views.add, name="add"),
    path("forloeb/<int:pk>/hoeringsliste/inviter/", views.invite, name="invite"),
    path("forloeb/<int:pk>/hoeringsliste/<int:entry_pk>/accepter/", views.accept, name="accept"),
    path("forloeb/<int:pk>/hoeringsliste/<int:entry_pk>/afvis/", views.dismiss, name="dismiss"),
]
