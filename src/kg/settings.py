"""One typed settings object for every stage.

Values come, last one winning, from the defaults below, an optional `kg.yaml`
(or the file named by `KG_CONFIG`), and environment variables prefixed `KG_`.
Every field carries a description; `tests/test_settings.py` checks that each one is
documented in the README, so the two cannot drift.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from kg.errors import KgError


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KG_", extra="forbid")

    base_iri: str = Field(
        "https://w3id.org/kg-vn/",
        description="Base of every IRI the project mints (instances live under `{base}id/`).",
    )
    data_dir: Path = Field(
        Path("data"), description="Folder with `sources/` (reports) and `vocab/`."
    )
    ontology_dir: Path = Field(
        Path("ontology"), description="Folder with the OWL ontology and the SHACL shapes."
    )
    queries_dir: Path = Field(Path("queries"), description="Folder with the canned `.rq` queries.")
    build_dir: Path = Field(
        Path("build"), description="Where `kg build` writes the graph; replaced atomically."
    )
    host: str = Field("127.0.0.1", description="Address `kg serve` listens on.")
    port: int = Field(8000, ge=0, le=65535, description="Port `kg serve` listens on.")
    store_dir: Path | None = Field(
        None,
        description="Where `kg serve` keeps the on-disk Oxigraph store made from the build "
        "(default: `<build_dir>.store` beside the build folder).",
    )
    query_timeout: float = Field(
        10.0, gt=0, description="Seconds a query may run before its worker is stopped (503)."
    )
    factsheet_timeout: float = Field(
        10.0,
        gt=0,
        description="Seconds a fact sheet may take to compute and lay out (503 after).",
    )
    max_query_length: int = Field(
        20000, gt=0, description="Longest SPARQL query accepted, in characters (413 above)."
    )
    max_result_rows: int = Field(
        10000, gt=0, description="Most rows (or triples) returned; longer results are cut."
    )
    query_workers: int = Field(
        0,
        ge=0,
        description="Worker processes running queries (0: one per CPU, at least 2).",
    )
    rate_limit: int = Field(
        0, ge=0, description="Requests per minute per client on query routes (0: no limit)."
    )
    license: str = Field(
        "https://creativecommons.org/licenses/by/4.0/",
        description="Licence IRI of the published graph, stated in the dataset description.",
    )
    cache_max_age: int = Field(
        300, ge=0, description="Seconds clients may cache a response (`Cache-Control`)."
    )

    store: Literal["embedded", "remote"] = Field(
        "embedded",
        description="Which store `kg serve` queries: `embedded` (the build in an on-disk "
        "Oxigraph store, queried in worker processes) or `remote` (a SPARQL 1.1 server at "
        "`remote_query_url`, loaded with `kg load`).",
    )
    remote_query_url: str | None = Field(
        None,
        description="SPARQL 1.1 query endpoint of the remote store (needed when `store` is "
        "`remote`); its default graph must be the union of the named graphs.",
    )
    remote_gsp_url: str | None = Field(
        None,
        description="Graph Store Protocol endpoint of the remote store, where `kg load` "
        "replaces each named graph with `PUT ?graph=<name>`.",
    )
    remote_user: str | None = Field(
        None, description="User name for HTTP basic authentication at the remote store."
    )
    remote_password: SecretStr | None = Field(
        None, description="Password for HTTP basic authentication at the remote store."
    )
    build_workers: int = Field(
        0,
        ge=0,
        description="Processes `kg build` extracts reports in (0: one per CPU; 1: no pool).",
    )
    build_cache_dir: Path | None = Field(
        None,
        description="Where `kg build` keeps one extracted graph per unchanged report "
        "(default: `<build_dir>.cache` beside the build folder).",
    )

    @model_validator(mode="after")
    def _remote_has_an_endpoint(self) -> Settings:
        if self.store == "remote" and not self.remote_query_url:
            raise ValueError("store is 'remote' but remote_query_url is not set")
        return self

    @field_validator("base_iri")
    @classmethod
    def _base_ends_with_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")) or not value.endswith("/"):
            raise ValueError("must be an http(s) IRI ending with '/'")
        return value

    @property
    def store_path(self) -> Path:
        """The store folder: configured, or beside the build so a rebuild never mixes them."""
        return self.store_dir or self.build_dir.with_name(self.build_dir.name + ".store")

    @property
    def cache_path(self) -> Path:
        """Per-report build cache: configured, or beside the build (survives rebuilds)."""
        return self.build_cache_dir or self.build_dir.with_name(self.build_dir.name + ".cache")

    @property
    def sources_dir(self) -> Path:
        return self.data_dir / "sources"

    @property
    def vocab_dir(self) -> Path:
        return self.data_dir / "vocab"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _YamlSource(settings_cls))


class _YamlSource(PydanticBaseSettingsSource):
    """Reads `kg.yaml` (or `$KG_CONFIG`); absent file means no values."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        path = Path(os.environ.get("KG_CONFIG", "kg.yaml"))
        if not path.is_file():
            if "KG_CONFIG" in os.environ:
                raise KgError(f"{path}: configuration file not found (named by KG_CONFIG)")
            return {}
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise KgError(f"{path}: not valid YAML ({exc})") from exc
        if not isinstance(data, dict):
            raise KgError(f"{path}: expected a mapping of setting names to values")
        return data


def load_settings(**overrides: Any) -> Settings:
    """Settings from all sources; a bad value becomes one readable `KgError`."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise KgError(f"invalid settings: {problems}") from exc
