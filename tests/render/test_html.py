"""The HTML report: escaped, self-contained, and both columns rendered in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storylens.compare import Comparison
from storylens.render.html import REPORT_CSS, comparison_report, comparison_section


def test_article_markup_shows_as_text(hostile: Comparison) -> None:
    page = comparison_report(hostile)
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
    assert "<b>Outlet</b>" not in page and "&lt;b&gt;Outlet&lt;/b&gt;" in page
    assert "&lt;i&gt;Evil&lt;/i&gt;" in page
    assert 'href="javascript' not in page


def test_report_is_self_contained(hostile: Comparison) -> None:
    page = comparison_report(hostile)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert page.startswith("<!DOCTYPE html>") and REPORT_CSS.strip()[:40] in page


def test_section_embeds_without_page_chrome(hostile: Comparison) -> None:
    section = comparison_section(hostile)
    assert section.lstrip().startswith('<section class="sl-compare">')
    assert "<html" not in section and "<style" not in section


@pytest.mark.slow
@pytest.mark.browser
def test_screenshot_shows_both_columns(
    seed_comparison: Comparison, browser, artifacts: Path, tmp_path: Path
) -> None:
    report = tmp_path / "report.html"
    report.write_text(comparison_report(seed_comparison), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    col_a, col_b = page.locator(".sl-column-a"), page.locator(".sl-column-b")
    assert col_a.is_visible() and col_b.is_visible()
    box_a, box_b = col_a.bounding_box(), col_b.bounding_box()
    assert box_a and box_b
    assert box_a["x"] + box_a["width"] <= box_b["x"]  # side by side, A on the left
    assert abs(box_a["y"] - box_b["y"]) < 5
    assert box_a["width"] > 400 and box_b["width"] > 400
    assert page.locator(".sl-column-a .sl-verbatim").count() > 5
    assert page.locator(".sl-column-b .sl-paraphrase").count() > 2
    assert "Ortagus" in col_a.inner_text() and "Khamenei" in col_b.inner_text()
    page.screenshot(path=str(artifacts / "compare-report.png"), full_page=True)
    page.close()
    assert [u for u in requests if not u.startswith("file:")] == []
