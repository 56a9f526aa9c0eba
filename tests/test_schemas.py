"""`briefkit schema NAME` prints the JSON Schemas shipped in the package, and every command's JSON
validates against its own."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from briefkit.cli import cli
from briefkit.schemas import SCHEMAS, load
from helpers import ROOT, SEED_ARTICLE


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def validate(name, data):
    jsonschema.Draft202012Validator(load(name), format_checker=jsonschema.FormatChecker()).validate(data)


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_prints_the_shipped_schema(name):
    result = run("schema", name)
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "src" / "briefkit" / "schemas" / f"{name}.json").read_text(encoding="utf-8")
    jsonschema.Draft202012Validator.check_schema(json.loads(result.stdout))


def test_schema_defaults_to_the_briefing_and_rejects_others():
    assert json.loads(run("schema").stdout)["title"] == "briefkit briefing"
    assert run("schema", "nonesuch").exit_code == 2


def test_docs_points_at_the_shipped_schema():
    pointer = json.loads((ROOT / "docs" / "json-schema.json").read_text(encoding="utf-8"))
    assert (ROOT / "docs" / pointer["$ref"]).resolve() == (ROOT / "src" / "briefkit" / "schemas" / "briefing.json")


def test_readability_schema_shares_the_briefings_definition():
    assert load("readability")["$defs"]["readability"] == load("briefing")["$defs"]["readability"]


def test_summarise_json_validates(seed_text):
    one = json.loads(run("summarise", SEED_ARTICLE, "--json").stdout)
    validate("summarise", one)
    several = json.loads(run("summarise", SEED_ARTICLE, "-", "--json", "--length", "20%", input=seed_text).stdout)
    for record in several:
        validate("summarise", record)
    for line in run("summarise", SEED_ARTICLE, "--jsonl", "--length", "100w").stdout.splitlines():
        validate("summarise", json.loads(line))
    with pytest.raises(jsonschema.ValidationError):
        validate("summarise", {**one, "extra": 1})


def test_readability_json_validates():
    data = json.loads(run("readability", SEED_ARTICLE, "--json").stdout)
    validate("readability", data)
    with pytest.raises(jsonschema.ValidationError):
        validate("readability", {k: v for k, v in data.items() if k != "grade"})


def test_check_json_validates(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("check", SEED_ARTICLE, tmp_path / "empty.txt", "--format", "json", "--max-grade", "5",
                 "--min-ease", "-inf", "--max-sentence-words", "20")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["problems"] and data["documents"][0]["findings"]
    assert data["documents"][0]["thresholds"]["min_ease"] is None
    validate("check", data)


def test_briefing_json_validates(seed_build):
    validate("briefing", json.loads(seed_build["json"].read_text(encoding="utf-8")))
