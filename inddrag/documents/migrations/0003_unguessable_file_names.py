"""Files stored before names became unguessable are moved to a random name (see
inddrag/lib/downloads.py); the name people see is in the database and does not change."""

from django.core.files.storage import default_storage
from django.db import migrations

from inddrag.lib.downloads import move_to_unguessable_name

FIELDS = {"DocumentVersion": ["source_file"]}


def forwards(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("documents", model_name)
        for row in model.objects.only("pk", *fields).iterator():
            changed = []
            for field in fields:
                old = getattr(row, field).name
                new = move_to_unguessable_name(default_storage, old, "documents")
                if new != old:
                    setattr(row, field, new)
                    changed.append(field)
            if changed:
                row.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_change_segments")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
