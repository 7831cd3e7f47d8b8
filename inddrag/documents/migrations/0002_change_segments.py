from django.db import migrations, models

from inddrag.documents import diff


def readable_changes(apps, schema_editor):
    """Every explained change gets its readable form (the old excerpt showed raw diff marks)."""
    Change = apps.get_model("documents", "Change")
    for change in Change.objects.select_related("from_version", "to_version").iterator():
        blocks = {
            block.key: block
            for block in diff.compare(change.from_version.blocks, change.to_version.blocks)
        }
        block = blocks.get(change.key)
        if block is None:
            continue  # the versions changed since: the old excerpt stays
        fields = diff.change_fields(block)
        Change.objects.filter(pk=change.pk).update(**fields)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="change",
            name="segments",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(readable_changes, migrations.RunPython.noop),
    ]
