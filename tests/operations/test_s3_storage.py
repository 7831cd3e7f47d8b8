"""Uploaded files in an S3-compatible bucket (django-storages, settings INDDRAG_S3_*), against
moto's in-process S3: an attachment sent through the contribution service lands in the private
bucket under its unguessable name, is handed out by the app's own download view (read through
the storage, never a bucket URL), and leaves the bucket when retention deletes it; /readyz
checks the bucket."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from moto import mock_aws

from inddrag.contributions import services, uploads
from inddrag.contributions.models import Attachment, Contribution
from inddrag.privacy.services import apply_retention
from inddrag.processes.models import Process
from tests.factories import ProcessFactory
from tests.factories.contributions import ContributionFactory, attach, open_hearing
from tests.factories.files import pdf_with_text

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "inddrag-test-uploads"
REGION = "eu-north-1"


@pytest.fixture
def bucket(settings):
    with mock_aws():
        s3 = boto3.client(
            "s3", region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test"
        )
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": REGION,
                    "access_key": "test",
                    "secret_key": "test",
                    "custom_domain": None,
                    "querystring_auth": True,
                    "file_overwrite": False,
                    "max_memory_size": 2 * 1024 * 1024,
                },
            },
        }
        yield s3


def _keys(s3) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_an_attachment_is_stored_in_the_bucket_and_served_through_the_app(bucket, client):
    process, _activity = open_hearing(review_before_publishing=False)
    pdf = pdf_with_text("Vi ønsker flere træer langs Stationsvej.")
    data = services.SubmissionData(
        text="Se vedlagte.", speaking_as="private", consent="name", name="Anna Jensen"
    )
    upload = uploads.check_file(SimpleUploadedFile("Mit forslag.pdf", pdf))
    contribution = services.submit(process, data, [upload]).contribution
    assert contribution.publication == Contribution.Publication.PUBLISHED
    attachment = contribution.attachments.get()

    assert attachment.file.name.startswith("contributions/")
    assert "forslag" not in attachment.file.name  # the unguessable name, not the citizen's
    assert _keys(bucket) == [attachment.file.name]
    stored = bucket.get_object(Bucket=BUCKET, Key=attachment.file.name)["Body"].read()
    assert stored.startswith(b"%PDF")  # (the service may have cleaned the file it was sent)
    # Private: a signed URL only (the app never hands one out).
    assert "Signature=" in default_storage.url(attachment.file.name)

    response = client.get(reverse("contributions:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == stored
    assert response["Content-Length"] == str(len(stored))
    assert 'filename="Mit forslag.pdf"' in response["Content-Disposition"]


def test_a_file_missing_from_the_bucket_is_a_404(bucket, client):
    process = ProcessFactory(status=Process.Status.OPEN)
    attachment = attach(ContributionFactory(process=process, publication="published"))
    bucket.delete_object(Bucket=BUCKET, Key=attachment.file.name)
    response = client.get(reverse("contributions:attachment", args=[attachment.pk]))
    assert response.status_code == 404


def test_retention_deletes_the_file_from_the_bucket(bucket):
    now = timezone.now()
    process = ProcessFactory(
        status=Process.Status.DECIDED, ended_at=now - datetime.timedelta(days=800)
    )
    private = ContributionFactory(process=process, publication=Contribution.Publication.PRIVATE)
    name = attach(private, "mit-brev.pdf").file.name
    assert _keys(bucket) == [name]
    report = apply_retention(now)
    assert report.counts["attachments_deleted"] == 1
    assert not Attachment.objects.exists()
    assert _keys(bucket) == []


def test_readyz_checks_the_bucket(bucket, client, settings):
    assert json.loads(client.get("/readyz").content)["checks"]["storage"] == "ok"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"], "bucket_name": "no-such"},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["storage"] == "failed"


def test_the_settings_read_the_bucket_from_the_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INDDRAG_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="inddrag.settings",
        SECRET_KEY="s3-settings-" * 5,
        INDDRAG_S3_BUCKET="kommunens-filer",
        INDDRAG_S3_ENDPOINT_URL="https://s3.example.dk",
        INDDRAG_S3_REGION="dk-1",
        INDDRAG_S3_ACCESS_KEY_ID="AKID",
        INDDRAG_S3_SECRET_ACCESS_KEY="SECRET",
        INDDRAG_S3_ADDRESSING_STYLE="path",
    )
    script = (
        "import json, django; django.setup(); "
        "from django.conf import settings; "
        "from django.core.files.storage import default_storage as s; "
        "print(json.dumps([settings.STORAGES['default']['BACKEND'], s.bucket_name, "
        "s.endpoint_url, s.region_name, s.access_key, s.querystring_auth, s.custom_domain, "
        "s.addressing_style, s.file_overwrite]))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "storages.backends.s3.S3Storage",
        "kommunens-filer",
        "https://s3.example.dk",
        "dk-1",
        "AKID",
        True,
        None,
        "path",
        False,
    ]
