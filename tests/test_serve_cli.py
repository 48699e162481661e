"""`kg serve` as a command: a missing build is one line and exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_serve_without_a_build_is_a_user_error(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["KG_BUILD_DIR"] = str(tmp_path / "no-build")
    result = subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--port", "0"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "kg build" in result.stderr and "Traceback" not in result.stderr
