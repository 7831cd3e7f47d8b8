

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='IdempotencyKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scope', models.CharField(max_length=100)),
                ('key_hash', models.CharField(max_length=64)),
                ('fingerprint', models.CharField(blank=True, max_length=64)),
                ('object_id', models.PositiveBigIntegerField(null=True)),
                ('sealed', models.CharField(blank=True, max_length=400)),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('scope', 'key_hash'), name='unique_idempotency_scope_key')],
            },
        ),
    ]
