"""Files stored before names became unguessable are moved to a random name (see
inddrag/lib/downloads.py); the name people see is in the database and does not change."""

from django.core.files.storage import default_storage
from django.db import migrations

from inddrag.lib.downloads import move_model_files


def forwards(apps, schema_editor):
    model = apps.get_model("contributions", "Attachment")
    move_model_files(default_storage, model, ['file'], "contributions")


class Migration(migrations.Migration):
    dependencies = [("contributions", "0013_contribution_anonymised_at")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
