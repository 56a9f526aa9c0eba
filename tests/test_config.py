"""Configuration: every CLI option has a key; errors name the file, the key and the likely intended key."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from briefkit.cli import cli
from briefkit.config import Settings, all_keys, load_settings

# The configuration key of each command-line option, command by command. ``config``
# names the file itself and ``help`` is click's; every other option must be listed here.
OPTION_KEYS = {
    "build": {"output": "output", "title": "title", "author": "author", "algorithm": "algorithm",
              "short": "short", "medium": "medium",
              "keep_reading_level": "keep_reading_level", "template": "template", "page_size": "page_size",
              "html": "html", "json_": "json", "max_bytes": "max_bytes", "quiet": "quiet",
              "pdf_variant": "pdf_variant", "no_cache": "cache", "input_format": "input_format",
              "fetch_timeout": "fetch_timeout", "overview_sentences": "overview_sentences",
              "no_overview": "overview", "group_by": "group_by", "jobs": "jobs", "layout": "layout",
              "deprecated_format": "input_format"},
    "evaluate": {"algorithm_list": "evaluate.algorithms", "length": "evaluate.length", "as_json": "evaluate.json",
                 "limit": "evaluate.limit", "quiet": "quiet", "keep_reading_level": "keep_reading_level"},
    "extract": {"as_json": "extract.json", "as_jsonl": "extract.json", "input_format": "input_format",
                "deprecated_format": "input_format", "max_bytes": "max_bytes", "fetch_timeout": "fetch_timeout"},
    "summarise": {"algorithm": "algorithm", "length": "summarise.length", "keep_reading_level": "keep_reading_level", "as_json": "summarise.json",
                  "as_jsonl": "summarise.jsonl", "input_format": "input_format", "max_bytes": "max_bytes"},
    "readability": {"as_json": "readability.json", "as_jsonl": "readability.jsonl", "input_format": "input_format",
                    "max_bytes": "max_bytes"},
    "check": {"max_grade": "check.max_grade", "min_ease": "check.min_ease",
              "max_sentence_words": "check.max_sentence_words", "format_": "check.format",
              "input_format": "input_format", "max_bytes": "max_bytes", "quiet": "quiet"},
}
NOT_SETTINGS = {"config", "help"}
# `init` writes the configuration file; its options say where, so they cannot come from that file.
NOT_CONFIGURABLE_COMMANDS = {"init", "algorithms", "schema"}


def test_every_cli_option_has_a_configuration_key():
    keys = set(all_keys())
    assert set(cli.commands) - NOT_CONFIGURABLE_COMMANDS == set(OPTION_KEYS)
    for name, command in cli.commands.items():
        if name in NOT_CONFIGURABLE_COMMANDS:
            continue
        options = {p.name for p in command.params if p.param_type_name == "option"} - NOT_SETTINGS
        mapped = OPTION_KEYS.get(name, {})
        assert options == set(mapped), f"briefkit {name}: options without a documented key: {options - set(mapped)}"
        assert set(mapped.values()) <= keys, f"briefkit {name}: keys that config.py does not accept"


def write(tmp_path, text, name="briefkit.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize("text, key, hint", [
    ("titel = 'x'\n", "titel", "title"),
    ("page-sise = 'A4'\n", "page-sise", "page_size"),
    ("max_grade = 10\n", "max_grade", "check.max_grade"),  # right key, wrong table
    ("[check]\nmax_grde = 10\n", "check.max_grde", "check.max_grade"),
    ("[check]\nmin_easy = 10\n", "check.min_easy", "check.min_ease"),
    ("[[check.overrides]]\npath = ['a/']\n", "check.overrides.path", "check.overrides.paths"),
    ("[summarise]\nlenght = 3\n", "summarise.lenght", "summarise.length"),
    ("no_cache = true\n", "no_cache", "cache"),
])
def test_unknown_key_names_file_key_and_hint(tmp_path, text, key, hint):
    path = write(tmp_path, text)
    with pytest.raises(Exception) as info:
        load_settings(path)
    assert str(info.value) == f"{path}: unknown key {key!r} (did you mean {hint!r}?)"


def test_unknown_key_without_a_close_match_has_no_hint(tmp_path):
    path = write(tmp_path, "zzzzqqq = 1\n")
    with pytest.raises(Exception, match=r"unknown key 'zzzzqqq'$"):
        load_settings(path)


@pytest.mark.parametrize("text, message", [
    ("[check]\nmax_grade = 'high'\n", "check.max_grade must be a number"),
    ("[check]\nformat = 'xml'\n", "check.format must be one of text, json, github"),
    ("pdf_variant = 'pdf/a3b'\n", "did you mean 'pdf/a-3b'?"),
    ("cache = 'yes'\n", "cache must be true or false"),
    ("[check]\nmax_sentence_words = -1\n", "check.max_sentence_words must be between 0 (off) and 1,000,000"),
    ("[[check.overrides]]\nmax_grade = 3\n", "needs paths"),
    ("check = 3\n", "check must be a table"),
])
def test_bad_values_name_file_and_key(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(Exception) as info:
        load_settings(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_pyproject_table_is_found_upward_and_errors_name_it(tmp_path, monkeypatch):
    write(tmp_path, "[tool.briefkit]\ntitle = 'From pyproject'\n[tool.briefkit.check]\nmax_grade = 9\n",
          "pyproject.toml")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    settings, path = load_settings()
    assert path == tmp_path / "pyproject.toml"
    assert settings.title == "From pyproject" and settings.check.max_grade == 9
    write(tmp_path, "[tool.briefkit]\ntitel = 'x'\n", "pyproject.toml")
    with pytest.raises(Exception, match=r"pyproject\.toml: unknown key 'titel' \(did you mean 'title'\?\)"):
        load_settings()


def test_cli_flags_win_over_the_file(tmp_path):
    path = write(tmp_path, "quiet = true\ncache = false\n[check]\nmax_grade = 9\nformat = 'github'\n")
    settings, _ = load_settings(path, {"check": {"max_grade": 14.0}, "cache": True})
    assert settings.check.max_grade == 14 and settings.check.format == "github"
    assert settings.cache is True and settings.quiet is True


def test_cli_reports_config_errors_as_one_line_exit_2(tmp_path, monkeypatch):
    write(tmp_path, "[check]\nmax_grde = 10\n")
    (tmp_path / "a.txt").write_text("Hello there. This is a short text.\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "a.txt"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("briefkit: error: briefkit.toml: unknown key 'check.max_grde' "
                                     "(did you mean 'check.max_grade'?)").replace("briefkit.toml", str(tmp_path / "briefkit.toml"))


def test_run_only_keys_stay_out_of_the_briefing_settings():
    data = Settings(cache=False, quiet=True).to_dict()
    assert data == Settings().to_dict()
    assert "check" not in data and "pdf_variant" in data
