"""The API's schema and documentation pages answer only what they take."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/openapi.json", "/api/v1/docs"])
def test_the_schema_and_its_documentation_take_only_get(client, url):
    assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)(url).status_code == 405, method
