"""The memo's topic gets a name of its own (MemoTopic), distinct from the stakeholders' Topic."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("memos", "0001_initial"),
        ("contributions", "0009_move_idempotency_keys"),
        ("processes", "0004_process_topic_tags"),
    ]

    operations = [migrations.RenameModel("Topic", "MemoTopic")]
