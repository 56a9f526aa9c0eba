"""The JSON briefing is a contract: real output validates against src/briefkit/schemas/briefing.json."""

from __future__ import annotations

import hashlib
import json

import jsonschema
import pytest

from briefkit import __version__
from briefkit.model import SCHEMA_VERSION
from helpers import ROOT


@pytest.fixture(scope="module")
def schema():
    return json.loads((ROOT / "src" / "briefkit" / "schemas" / "briefing.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data(seed_build):
    return json.loads(seed_build["json"].read_text(encoding="utf-8"))


def test_schema_is_a_valid_schema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)


def test_seed_briefing_validates(schema, data):
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


def test_contract_values(data):
    assert data["briefkit_version"] == __version__
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["totals"]["documents"] == len(data["documents"]) == 3
    for doc in data["documents"]:
        raw = open(doc["source"], "rb").read()
        assert doc["sha256"] == hashlib.sha256(raw).hexdigest()
        short, medium = doc["summaries"]["short"], doc["summaries"]["medium"]
        assert short["text"] == " ".join(short["sentences"])
        assert len(short["sentences"]) == 3 and len(medium["sentences"]) == 7
        assert doc["readability"]["grade"] is not None


def test_schema_rejects_a_broken_briefing(schema, data):
    broken = json.loads(json.dumps(data))
    del broken["documents"][0]["summaries"]["short"]["sentences"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
