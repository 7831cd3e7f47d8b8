"""Move the contributions' idempotency keys (a column on each contribution until now) here.

The key is kept only as a hash; the contribution's private link was never stored, so a repeat
of such an old key shows the receipt number rather than the private link.
"""

import hashlib

from django.db import migrations

SCOPE = "contributions:%d"


def forward(apps, schema_editor):
    Contribution = apps.get_model("contributions", "Contribution")
    IdempotencyKey = apps.get_model("idempotency", "IdempotencyKey")
    rows = Contribution.objects.exclude(idempotency_key=None).exclude(idempotency_key="")
    IdempotencyKey.objects.bulk_create(
        IdempotencyKey(
            scope=SCOPE % row.process_id,
            key_hash=hashlib.sha256(
                f"{SCOPE % row.process_id}\0{row.idempotency_key}".encode()
            ).hexdigest(),
            fingerprint=row.idempotency_fingerprint,
            object_id=row.pk,
            created_at=row.received_at,
        )
        for row in rows.iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("idempotency", "0001_initial"),
        ("contributions", "0008_delete_notification"),
    ]

    # Going back leaves the contributions without their keys: a repeat then makes a new one.
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
