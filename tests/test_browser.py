"""The views in a real browser: headless Chromium loads the pages, runs their script, and we
check what a person would see (highlights after the script ran, the record panel, no sideways
scrolling on a phone, screenshots that are not blank and show the highlight colours).

Needs the `chromium` binary (Debian: `apt-get install -y chromium`); skipped when it is absent.
Set TNXH_CHROMIUM to use another Chromium/Chrome binary, and TNXH_SCREENSHOTS_DIR to keep the
screenshots (docs/screenshots/ is made that way).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_views import Page, heads, sample_document, write_batch  # noqa: E402

from tnxh_extract.models import Document  # noqa: E402
from tnxh_extract.views import render, render_report  # noqa: E402

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--force-prefers-reduced-motion",
]

# The highlight backgrounds of templates/common.css, as a person sees them.
PLACE_BG = (0xCF, 0xE6, 0xFF)
DECISION_BG = (0xEA, 0xD9, 0xFF)
INDICATOR_BG = (0xFF, 0xE2, 0xA0)
BAR = (0xC6, 0x6A, 0x00)


@pytest.fixture(scope="module")
def chromium() -> str:
    exe = os.environ.get("TNXH_CHROMIUM") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None
    )
    if not exe:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium)")
    return exe


def browse(chromium: str, tmp_path: Path, page: Path, *args: str, size: str = "1280,1800",
           fragment: str = "") -> str:
    """Run headless Chromium on `page` with a fresh profile; return its stdout."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    profile.mkdir()
    cmd = [chromium, *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}", *args,
           page.resolve().as_uri() + fragment]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def dump_dom(chromium: str, tmp_path: Path, page: Path, **kw) -> str:
    dom = browse(chromium, tmp_path, page, "--dump-dom", **kw)
    assert dom.strip(), "chromium dumped no DOM"
    return dom


def screenshot(chromium: str, tmp_path: Path, page: Path, name: str, **kw) -> Path:
    png = tmp_path / name
    browse(chromium, tmp_path, page, f"--screenshot={png}", **kw)
    assert png.is_file() and png.stat().st_size > 0
    keep = os.environ.get("TNXH_SCREENSHOTS_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, Path(keep) / name)
    return png


def with_probe(html: str, js: str) -> str:
    """The page with a test script appended: it runs after the page's own script.
    (The report allows no script at all: its policy is widened for the probe only.)"""
    if "script-src" not in html:
        html = html.replace("default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';", 1)
    return html.replace("</body>", f"<script>{js}</script></body>")


def phone(html: str, width: int = 360, height: int = 740) -> str:
    """A page showing `html` in a phone-sized frame. (Headless Chromium will not make its
    window narrower than 500 px, so a frame gives the page a phone's viewport.) Probes in the
    framed page write their findings onto the outer page's <html>, which --dump-dom shows."""
    import html as html_mod

    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
            f'<iframe style="width:{width}px;height:{height}px;border:0" '
            f'srcdoc="{html_mod.escape(html, quote=True)}"></iframe></body></html>')


OUT = "var OUT = (window.parent || window).document.documentElement;"


def attr(dom: str, name: str) -> str:
    m = re.search(rf'<html[^>]*\s{re.escape(name)}="([^"]*)"', dom)
    assert m, f"no {name} on <html>: the script did not run to the end"
    return m.group(1)


# --------------------------------------------------------------------------- tiny PNG reader


def png_pixels(path: Path) -> tuple[int, int, list[tuple[int, int, int]]]:
    """(width, height, RGB pixels) of an 8-bit, non-interlaced RGB/RGBA PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, ctype, _, _, interlace = ihdr
    assert depth == 8 and ctype in (2, 6) and interlace == 0, ihdr
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    pixels = []
    i = 0
    for _ in range(height):
        ftype, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 0xFF
            elif ftype == 2:
                line[x] = (line[x] + b) & 0xFF
            elif ftype == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pred) & 0xFF
        pixels.extend(tuple(line[x:x + 3]) for x in range(0, stride, bpp))
        prev = line
    return width, height, pixels


def has_colour(pixels, rgb, tol=3, at_least=50) -> bool:
    n = 0
    for p in pixels:
        if abs(p[0] - rgb[0]) <= tol and abs(p[1] - rgb[1]) <= tol and abs(p[2] - rgb[2]) <= tol:
            n += 1
            if n >= at_least:
                return True
    return False


# --------------------------------------------------------------------------- article page


def test_article_highlights_after_script(chromium, tmp_path):
    doc = sample_document()
    page = tmp_path / "article.html"
    page.write_text(render(doc), encoding="utf-8")
    dom = dump_dom(chromium, tmp_path, page)
    assert attr(dom, "data-ready") == "1"
    status = re.search(r'<p[^>]*id="js-status"[^>]*>', dom).group(0)
    counts = dict(re.findall(r'data-(\w+)="(\d+)"', status))
    assert counts == {"total": "12", "indicator": "8", "decision": "1", "place": "3"}
    parsed = Page(dom)
    assert len(heads(parsed)) == len(doc.places) + len(doc.decisions) + len(doc.indicators)
    assert "".join(parsed.article_text) == doc.text
    for n, ind in enumerate(doc.indicators, 1):
        assert parsed.frag_text[f"I{n}"] == ind.text


def test_article_panel_shows_nested_records(chromium, tmp_path):
    doc = sample_document()
    probe = """
    var q = function (s) { return document.querySelector(s); };
    q('mark[data-rid="P3"]').click();
    var heads3 = Array.prototype.map.call(document.querySelectorAll('#panel-body h3'),
      function (h) { return h.textContent; });
    document.documentElement.setAttribute('data-panel-heads', heads3.join('|'));
    document.documentElement.setAttribute('data-panel-text', q('#panel-body').textContent);
    document.documentElement.setAttribute('data-active',
      String(document.querySelectorAll('mark.hl-active').length));
    q('input[data-toggle="place"]').click();
    document.documentElement.setAttribute('data-place-bg',
      getComputedStyle(q('mark[data-rid="P1"]')).backgroundColor);
    """
    page = tmp_path / "article.html"
    page.write_text(with_probe(render(doc), probe), encoding="utf-8")
    dom = dump_dom(chromium, tmp_path, page)
    # the innermost record first (the place), then the indicator that contains it
    assert attr(dom, "data-panel-heads") == "PlaceQuế Sơn|Indicator809 người"
    text = attr(dom, "data-panel-text")
    for expected in ("target1200", "percent67.4%", "conceptcai_nghien", "year2017",
                     "changeincrease by 12 % vs 2016", "provinceQuảng Nam (province, 49)"):
        assert expected in text
    assert attr(dom, "data-active") == "2"
    # unticking "Places" removes their colour
    assert attr(dom, "data-place-bg") == "rgba(0, 0, 0, 0)"


def test_article_on_a_phone(chromium, tmp_path):
    probe = OUT + """
    var root = document.documentElement, panel = document.getElementById('panel');
    var text = document.getElementById('text');
    OUT.setAttribute('data-viewport', String(window.innerWidth));
    OUT.setAttribute('data-overflow', String(root.scrollWidth - window.innerWidth));
    OUT.setAttribute('data-text-share', String(text.getBoundingClientRect().width / window.innerWidth));
    OUT.setAttribute('data-font', getComputedStyle(text).fontSize);
    OUT.setAttribute('data-panel-position', getComputedStyle(panel).position);
    OUT.setAttribute('data-panel-hidden', String(panel.getBoundingClientRect().top >= window.innerHeight));
    document.querySelector('mark[data-rid="I1"]').click();
    var box = panel.getBoundingClientRect();
    OUT.setAttribute('data-panel-open', String(panel.classList.contains('open')));
    OUT.setAttribute('data-panel-on-screen', String(box.top < window.innerHeight && box.bottom <= window.innerHeight + 1));
    """
    html = with_probe(render(sample_document()), probe)
    page = tmp_path / "phone.html"
    page.write_text(phone(html), encoding="utf-8")
    dom = dump_dom(chromium, tmp_path, page)
    assert attr(dom, "data-viewport") == "360"
    assert int(attr(dom, "data-overflow")) <= 0, "the page scrolls sideways on a phone"
    assert float(attr(dom, "data-text-share")) > 0.9, "the article does not get the phone's width"
    assert float(attr(dom, "data-font").removesuffix("px")) >= 14
    # the record panel is a bottom sheet, out of sight until a highlight is tapped
    assert attr(dom, "data-panel-position") == "fixed"
    assert attr(dom, "data-panel-hidden") == "true"
    assert attr(dom, "data-panel-open") == "true"
    assert attr(dom, "data-panel-on-screen") == "true"
    desk = tmp_path / "desk.html"
    desk.write_text(html, encoding="utf-8")
    dom = dump_dom(chromium, tmp_path, desk, size="1280,900")
    assert attr(dom, "data-panel-position") == "sticky"  # a side panel
    assert float(attr(dom, "data-text-share")) < 0.8


def test_article_without_text_runs(chromium, tmp_path):
    page = tmp_path / "notext.html"
    page.write_text(render(sample_document(text=None)), encoding="utf-8")
    dom = dump_dom(chromium, tmp_path, page)
    assert attr(dom, "data-ready") == "1"
    assert 'id="no-text"' in dom and "<mark" not in dom


def test_article_escaped_text_does_not_run(chromium, tmp_path):
    evil = "<script>document.documentElement.setAttribute('data-pwned','1')</script>" \
           "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','2')\">"
    doc = Document(source=evil, title=evil, text=f"Có {evil} 5 người.", warnings=[evil])
    page = tmp_path / "evil.html"
    page.write_text(render(doc), encoding="utf-8")
    dom = dump_dom(chromium, tmp_path, page)
    assert attr(dom, "data-ready") == "1"
    assert not re.search(r"<html[^>]*data-pwned", dom), "article text ran as script"
    assert "<img" not in dom
    assert len(re.findall(r"<script", dom)) == 2


def test_article_screenshots(chromium, tmp_path):
    page = tmp_path / "article.html"
    page.write_text(render(sample_document()), encoding="utf-8")
    # as a reader leaves it: the nested place in the last indicator tapped, its records shown
    page.write_text(with_probe(render(sample_document()),
                               "document.querySelector('mark[data-rid=\"P3\"]').click();"),
                    encoding="utf-8")
    png = screenshot(chromium, tmp_path, page, "article.png", size="1280,1100")
    w, h, pixels = png_pixels(png)
    assert (w, h) == (1280, 1100)
    assert len(set(pixels[:: 7])) > 50, "the screenshot is (nearly) blank"
    for colour in (PLACE_BG, DECISION_BG, INDICATOR_BG):
        assert has_colour(pixels, colour), f"no highlight in colour {colour} on screen"
    phone = screenshot(chromium, tmp_path, page, "article-phone.png", size="390,844")  # sheet open
    w, h, pixels = png_pixels(phone)
    assert w == 390 and has_colour(pixels, INDICATOR_BG)


# --------------------------------------------------------------------------- batch report


def test_report_in_browser(chromium, tmp_path):
    outdir = tmp_path / "batch"
    outdir.mkdir()
    write_batch(outdir)
    page = tmp_path / "report.html"
    page.write_text(render_report(outdir), encoding="utf-8")
    dom = dump_dom(chromium, tmp_path, page)
    charts = dict(re.findall(r'<svg class="chart" data-chart="(\w+)".*?>(.*?)</svg>', dom, re.S))
    assert {k: v.count('class="bar"') for k, v in charts.items()} == {"concept": 9, "province": 2, "year": 3}
    assert "invalid JSON" in dom and "<oops>" not in dom
    png = screenshot(chromium, tmp_path, page, "report.png", size="1280,1400")
    w, h, pixels = png_pixels(png)
    assert len(set(pixels[:: 7])) > 30
    assert has_colour(pixels, BAR), "no bars on screen"
    probe = OUT + ("OUT.setAttribute('data-overflow', "
                   "String(document.documentElement.scrollWidth - window.innerWidth));")
    framed = tmp_path / "phone.html"
    framed.write_text(phone(with_probe(render_report(outdir), probe)), encoding="utf-8")
    assert int(attr(dump_dom(chromium, tmp_path, framed), "data-overflow")) <= 0
