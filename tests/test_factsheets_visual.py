"""Fact sheets seen as a person sees them: Chromium screenshots and PDF pages as PNG.

The pictures land in `$KG_ARTEFACTS` (default: a `tmp/artefacts` folder under pytest's
temporary directory) for a person to look at; the test checks they were drawn.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import typst

from kg.factsheets import load_library
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "factsheets" / "mini.trig"
PARAMS = {"admin-unit": {"code": "04"}, "programme": {"programme": "ntp-new-rural"}}


def _binary(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} not installed: apt-get install {package}")
    return found


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("KG_ARTEFACTS", tmp_path_factory.mktemp("tmp") / "artefacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def rendered(artefacts: Path) -> dict[str, dict[str, Path]]:
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    library = load_library(Settings(queries_dir=ROOT / "queries"))
    out: dict[str, dict[str, Path]] = {}
    for name in library.sheets:
        out[name] = {}
        for fmt in ("html", "pdf"):
            path = artefacts / f"{name}.{fmt}"
            path.write_bytes(library.render(name, store, PARAMS.get(name, {}), "vi", fmt))
            out[name][fmt] = path
    return out


def test_screenshot_every_sheet(rendered: dict[str, dict[str, Path]], artefacts: Path) -> None:
    chromium = _binary("chromium", "chromium")
    profile = artefacts / "chromium-profile"
    for name, paths in rendered.items():
        shot = artefacts / f"{name}.png"
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={profile}", f"--screenshot={shot}",
             "--window-size=1200,1600", paths["html"].as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        assert shot.read_bytes().startswith(b"\x89PNG"), name
        assert shot.stat().st_size > 20_000, f"{name}: screenshot looks blank"


def test_pdf_pages_as_png(rendered: dict[str, dict[str, Path]], artefacts: Path) -> None:
    pdftoppm = _binary("pdftoppm", "poppler-utils")
    for name, paths in rendered.items():
        prefix = artefacts / f"{name}-pdf"
        subprocess.run(
            [pdftoppm, "-r", "60", "-png", str(paths["pdf"]), str(prefix)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        pages = sorted(artefacts.glob(f"{name}-pdf-*.png"))
        assert pages, name


def test_pdf_text_keeps_vietnamese_letters(rendered: dict[str, dict[str, Path]]) -> None:
    pdftotext = _binary("pdftotext", "poppler-utils")
    text = subprocess.run(
        [pdftotext, str(rendered["agriculture"]["pdf"]), "-"],
        check=True,
        capture_output=True,
        timeout=60,
        text=True,
    ).stdout
    for words in ("Nông, lâm nghiệp", "Diện tích gieo trồng", "Lúa xuân", "Báo cáo 1/BC-TEST"):
        assert words in text


def test_pdf_embeds_a_font_with_vietnamese_letters(rendered: dict[str, dict[str, Path]]) -> None:
    """Typst reads the system's fonts: DejaVu Sans, as on screen, must be the one embedded."""
    pdffonts = _binary("pdffonts", "poppler-utils")
    if "DejaVu Sans" not in typst.Fonts(include_embedded_fonts=False).families():
        pytest.skip("DejaVu Sans not installed: apt-get install fonts-dejavu-core")
    fonts = subprocess.run(
        [pdffonts, str(rendered["agriculture"]["pdf"])],
        check=True, capture_output=True, timeout=60, text=True,
    ).stdout  # fmt: skip
    assert re.search(r"\+DejaVuSans\s.*\syes\s+yes\s+yes\s", fonts), fonts
