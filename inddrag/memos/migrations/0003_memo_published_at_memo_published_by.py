import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def keep_public_memos_public(apps, schema_editor):
    """Until now the latest finished memo of a public project was a public download at once.
    Those memos stay public: they count as published when they were finished."""
    Memo = apps.get_model("memos", "Memo")
    for memo in (
        Memo.objects.filter(status="done")
        .exclude(process__status="draft")
        .filter(process__kind="project")
    ):
        memo.published_at = memo.finished_at or memo.created_at
        memo.save(update_fields=["published_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("memos", "0002_rename_topic_memotopic"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="memo",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="published"),
        ),
        migrations.AddField(
            model_name="memo",
            name="published_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(keep_public_memos_public, migrations.RunPython.noop),
    ]
