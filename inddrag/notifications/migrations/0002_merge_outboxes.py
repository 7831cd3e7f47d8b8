"""Move the two outboxes (contributions.Notification, stakeholders.HearingEmail) into this one.

Every row keeps its kind, address, text, state, attempts and times, and points to what it was
about (the contribution, or the hearing list entry). Going back splits them again.
"""

from django.db import migrations

FIELDS = ("kind", "to", "subject", "body", "status", "attempts", "last_error", "sent_at")


def _content_type(apps, app_label: str, model: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def merge(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    sources = (
        (apps.get_model("contributions", "Notification"), "contribution", "contribution_id"),
        (apps.get_model("stakeholders", "HearingEmail"), "hearinglistentry", "entry_id"),
    )
    for model, about, about_field in sources:
        rows = list(model.objects.order_by("pk"))
        if not rows:
            continue
        app_label = "contributions" if about == "contribution" else "stakeholders"
        about_type = _content_type(apps, app_label, about)
        Notification.objects.bulk_create(
            Notification(
                **{name: getattr(row, name) for name in FIELDS},
                created_at=row.created_at,
                about_type=about_type,
                about_id=getattr(row, about_field),
            )
            for row in rows
        )


def split(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    targets = (
        (apps.get_model("contributions", "Notification"), "contributions", "contribution", "contribution_id"),
        (apps.get_model("stakeholders", "HearingEmail"), "stakeholders", "hearinglistentry", "entry_id"),
    )
    for model, app_label, about, about_field in targets:
        about_type = ContentType.objects.filter(app_label=app_label, model=about).first()
        if about_type is None:
            continue
        rows = Notification.objects.filter(about_type=about_type).order_by("pk")
        for row in rows:
            copy = model(**{name: getattr(row, name) for name in FIELDS})
            setattr(copy, about_field, row.about_id)
            copy.save()
            model.objects.filter(pk=copy.pk).update(created_at=row.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("contributions", "0007_contribution_stakeholder"),
        ("stakeholders", "0002_hearingemail"),
    ]

    operations = [migrations.RunPython(merge, split)]
