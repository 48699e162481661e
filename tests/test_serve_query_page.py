"""The query page in a real browser (headless Chromium): the page's own JavaScript runs
a query, draws the table with local links and lists the canned queries as examples."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest
from conftest import Server

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(BROWSER is None, reason="headless Chromium not installed")
def test_query_page_runs_a_query_and_links_local_iris(server: Server, tmp_path: Path) -> None:
    query = (
        "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 4"
    )
    url = f"{server.url}/?{urlencode({'query': query})}"
    browser = subprocess.run(
        [
            BROWSER or "",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path}",
            "--virtual-time-budget=8000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    dom = browser.stdout
    if "<html" not in dom:  # the browser itself could not run here: not a page failure
        pytest.skip(f"headless Chromium gave no page: {browser.stderr[-300:]}")
    results = dom.split('id="results"', 1)[1]
    assert results.count("<tr>") == 5  # header + 4 rows
    assert '<a href="/id/' in results
    examples = dom.split('id="examples"', 1)[1]
    assert "Nhãn theo ngôn ngữ" in examples and "Labels in one language" in examples
    assert 'href="/sparql?' in dom and "format=csv" in dom  # download links
