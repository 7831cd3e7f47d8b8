"""Files stored before names became unguessable are moved to a random name (see
inddrag/lib/downloads.py); the name people see is in the database and does not change."""

from django.core.files.storage import default_storage
from django.db import migrations

from inddrag.lib.downloads import move_to_unguessable_name

FIELDS = {"Attachment": ["file"]}


def forwards(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("contributions", model_name)
        for row in model.objects.only("pk", *fields).iterator():
            changed = []
            for field in fields:
                old = getattr(row, field).name
                new = move_to_unguessable_name(default_storage, old, "contributions")
                if new != old:
                    setattr(row, field, new)
                    changed.append(field)
            if changed:
                row.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("contributions", "0013_contribution_anonymised_at")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
