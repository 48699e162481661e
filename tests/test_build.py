from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import run_build
from kg.errors import SourceError
from kg.settings import load_settings


def _settings(root: Path, build_dir: Path, data_dir: Path | None = None):
    return load_settings(
        data_dir=data_dir or root / "data",
        ontology_dir=root / "ontology",
        build_dir=build_dir,
    )


def test_same_sources_give_byte_identical_files(root: Path, tmp_path: Path) -> None:
    """Two builds in separate processes with different hash seeds must agree byte for byte."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"build-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "KG_BUILD_DIR": str(out)}
        subprocess.run(
            [sys.executable, "-m", "kg.cli", "build"],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]


def test_bad_input_leaves_last_good_build_intact(root: Path, tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    run_build(_settings(root, build_dir, data))
    before = {p.name: p.read_bytes() for p in build_dir.iterdir()}
    (data / "sources" / "broken.txt").write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(SourceError, match=r"broken\.txt"):
        run_build(_settings(root, build_dir, data))
    after = {p.name: p.read_bytes() for p in build_dir.iterdir()}
    assert before == after
    assert not list(tmp_path.glob("build.tmp-*"))


def test_cli_user_error_is_one_line_without_traceback(root: Path, tmp_path: Path) -> None:
    env = {**os.environ, "KG_DATA_DIR": str(tmp_path / "missing")}
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "sources folder not found" in proc.stderr


def test_sigterm_mid_build_leaves_last_good_build_and_no_temporary_folder(
    root: Path, tmp_path: Path
) -> None:
    """A CI timeout or `kill` used to leave `build.tmp-*` behind; now it unwinds like Ctrl-C."""
    build_dir = tmp_path / "build"
    build_dir.mkdir()
    (build_dir / "kg.nq").write_text("last good build\n", encoding="utf-8")
    env = {
        **os.environ,
        "KG_BUILD_DIR": str(build_dir),
        "KG_BUILD_CACHE_DIR": str(tmp_path / "cache"),  # empty: the report must be extracted
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(1200):  # until the temporary build folder exists
            if list(tmp_path.glob("build.tmp-*")) or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert proc.poll() is None, "the build ended before it could be stopped"
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=300)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, stderr
    assert "stopped by SIGTERM" in stderr
    assert not list(tmp_path.glob("build.tmp-*"))
    assert (build_dir / "kg.nq").read_text(encoding="utf-8") == "last good build\n"
