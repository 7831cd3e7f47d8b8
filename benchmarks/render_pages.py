"""Render the public process pages, the staff dashboard and the inboxes on the demo data into a
directory, one file per page, so two versions of the code can be compared. Run by hand:

    INDDRAG_VAR_DIR=/tmp/demo DEBUG=1 .venv/bin/python manage.py migrate
    INDDRAG_VAR_DIR=/tmp/demo DEBUG=1 .venv/bin/python manage.py seed_demo
    INDDRAG_VAR_DIR=/tmp/demo DEBUG=1 .venv/bin/python benchmarks/render_pages.py /tmp/before
    # … change the code …
    INDDRAG_VAR_DIR=/tmp/demo DEBUG=1 .venv/bin/python benchmarks/render_pages.py /tmp/after
    diff -r /tmp/before /tmp/after

Every public process page (with its second page of contributions and a search), the dashboard
of every member of staff, and every inbox they may open (plain, filtered, second page). The
tokens that change on every request (CSRF, form tokens, nonces) are masked and runs of
whitespace made one space, one tag a line, so the diff shows what a visitor would see change.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inddrag.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from inddrag.accounts.models import User  # noqa: E402
from inddrag.processes import permissions  # noqa: E402
from inddrag.processes.models import Process  # noqa: E402

MASKS = [
    (r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf"),
    (r'name="form_token" value="[^"]+"', "form_token"),
    (r'nonce="[^"]+"', "nonce"),
    (r'X-CSRFToken": "[^"]+"', "X-CSRFToken"),
]


def normalised(html: str) -> str:
    for pattern, mask in MASKS:
        html = re.sub(pattern, mask, html)
    return re.sub(r"\s+", " ", html).replace("> <", ">\n<")


def main(out: Path) -> None:
    settings.ALLOWED_HOSTS = ["testserver"]
    out.mkdir(parents=True, exist_ok=True)
    written = 0

    def save(name: str, client: Client, url: str) -> None:
        nonlocal written
        response = client.get(url)
        if response.status_code == 200:
            (out / name).write_text(normalised(response.content.decode()))
            written += 1

    public = Client()
    for process in Process.objects.order_by("pk"):
        url = f"/forloeb/{process.pk}/"
        save(f"public-{process.pk}.html", public, url)
        save(f"public-{process.pk}-p2.html", public, url + "?bidrag_side=2")
        save(f"public-{process.pk}-q.html", public, url + "?q_bidrag=og")
    for user in User.objects.filter(role="staff").order_by("pk"):
        client = Client()
        client.force_login(user)
        save(f"dash-{user.username}.html", client, "/personale/")
        for process in Process.objects.order_by("pk"):
            if not permissions.can_edit(user, process):
                continue
            url = f"/personale/forloeb/{process.pk}/bidrag/"
            for suffix, query in (("", ""), ("f", "?state=unanswered"), ("p2", "?side=2")):
                save(f"inbox-{user.username}-{process.pk}{suffix}.html", client, url + query)
    print(f"{written} pages in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
