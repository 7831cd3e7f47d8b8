"""Files stored before names became unguessable are moved to a random name (see
inddrag/lib/downloads.py); the name people see is in the database and does not change."""

from django.core.files.storage import default_storage
from django.db import migrations

from inddrag.lib.downloads import move_model_files


def forwards(apps, schema_editor):
    model = apps.get_model("documents", "DocumentVersion")
    move_model_files(default_storage, model, ['source_file'], "documents")


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_change_segments")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
