from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KgError
from kg.settings import Settings, load_settings


def test_every_setting_is_documented_in_the_readme(root: Path) -> None:
    readme = (root / "README.md").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"
        assert f"`KG_{name.upper()}`" in readme, f"KG_{name.upper()} missing from README"


def test_environment_overrides_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_PORT", "8123")
    assert load_settings().port == 8123


def test_yaml_file_is_read_and_env_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "kg.yaml"
    config.write_text("port: 9001\nhost: 127.0.0.2\n", encoding="utf-8")
    monkeypatch.setenv("KG_CONFIG", str(config))
    monkeypatch.setenv("KG_HOST", "127.0.0.3")
    settings = load_settings()
    assert (settings.port, settings.host) == (9001, "127.0.0.3")


@pytest.mark.parametrize(
    ("env", "value", "fragment"),
    [("KG_PORT", "eighty", "port"), ("KG_BASE_IRI", "ftp://x/", "base_iri")],
)
def test_bad_value_is_one_readable_error(
    monkeypatch: pytest.MonkeyPatch, env: str, value: str, fragment: str
) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(KgError, match=fragment):
        load_settings()


def test_missing_named_config_file_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CONFIG", "/nonexistent/kg.yaml")
    with pytest.raises(KgError, match="not found"):
        load_settings()
