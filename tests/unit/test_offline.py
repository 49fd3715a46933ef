"""The offline file list, cache version, worker, manifest, icons and settings, without MkDocs."""

from __future__ import annotations

import base64
import hashlib
import io
import json

import pytest
from PIL import Image

from saferpolitics.post_build import offline
from saferpolitics.post_build.pdf import PDF_PATH

TEMPLATE = "const BUILD = self.__SP_BUILD__;\n"


@pytest.fixture
def site(tmp_path):
    (tmp_path / "index.html").write_text("<h1>Home</h1>", encoding="utf-8")
    (tmp_path / "get-help-now").mkdir()
    (tmp_path / "get-help-now" / "index.html").write_text("<h1>Help</h1>", encoding="utf-8")
    (tmp_path / "downloads").mkdir()
    (tmp_path / "downloads" / "crisis card.pdf").write_bytes(b"%PDF card")  # a later download
    (tmp_path / PDF_PATH).write_bytes(b"%PDF toolkit" * 100)
    (tmp_path / offline.WORKER_PATH).write_text("old worker", encoding="utf-8")
    return tmp_path


def test_every_file_is_listed_with_its_hash_except_the_worker(site):
    entries = {entry.url: entry for entry in offline.precache_entries(site)}
    assert set(entries) == {"index.html", "get-help-now/index.html", "downloads/crisis%20card.pdf", PDF_PATH}
    assert entries["index.html"].sha256 == hashlib.sha256(b"<h1>Home</h1>").hexdigest()
    assert entries["index.html"].size == len("<h1>Home</h1>")
    # Files the build has just written are hashed from memory, not read back: the same list.
    written = {"index.html": b"<h1>Home</h1>", "get-help-now/index.html": b"<h1>Help</h1>"}
    assert offline.precache_entries(site, written) == list(entries.values())
    # The pipeline lists the site once for the stored size and the worker's list: the same list.
    assert offline.precache_entries(site, written, to_store=offline.files_to_store(site)) == list(entries.values())
    # A digest known already (a page finished in an earlier build) is not worked out again.
    known = offline.precache_entries(site, written, {"index.html": bytes(32)})
    assert [e.sha256 for e in known if e.url == "index.html"] == ["0" * 64]


def test_only_the_toolkit_pdf_waits_to_be_asked_for(site):
    on_request = [entry.url for entry in offline.precache_entries(site) if entry.on_request]
    assert on_request == [PDF_PATH]
    stored = offline.stored_bytes(offline.precache_entries(site))
    assert stored == len("<h1>Home</h1>") + len("<h1>Help</h1>") + len(b"%PDF card")


def test_the_size_a_page_states_is_what_the_device_will_hold_once_the_pages_are_written(site):
    """The stored size is written into a page before the worker's list is made, so it is read
    from the pages about to be written, counted as they will be (without the on-request PDF)."""
    pending = {"index.html": b"<h1>Home, with the size written in</h1>"}
    predicted = offline.stored_bytes_once_written(site, pending)
    (site / "index.html").write_bytes(pending["index.html"])
    assert predicted == offline.stored_bytes(offline.precache_entries(site))


def test_the_version_changes_with_any_file_or_the_worker_code_and_only_then(site):
    first = offline.cache_version(offline.precache_entries(site), TEMPLATE)
    assert offline.cache_version(offline.precache_entries(site), TEMPLATE) == first
    assert offline.cache_version(offline.precache_entries(site), TEMPLATE + "// changed\n") != first
    (site / "get-help-now" / "index.html").write_text("<h1>Help, new edition</h1>", encoding="utf-8")
    assert offline.cache_version(offline.precache_entries(site), TEMPLATE) != first


def test_the_worker_carries_the_version_and_the_list(site):
    entries = offline.precache_entries(site)
    worker = offline.render_worker(TEMPLATE, entries)
    build = json.loads(worker.removeprefix("const BUILD = ").removesuffix(";\n"))
    assert build["version"] == offline.cache_version(entries, TEMPLATE)
    assert [file["url"] for file in build["files"]] == [entry.url for entry in entries]


def test_a_worker_template_without_its_placeholder_is_refused():
    with pytest.raises(ValueError, match="exactly once"):
        offline.render_worker("const BUILD = {};", [])


def test_the_real_worker_template_has_its_placeholder_once():
    assert offline.WORKER_TEMPLATE.read_text(encoding="utf-8").count("self.__SP_BUILD__") == 1


def test_the_manifest_opens_the_home_page_with_every_icon():
    manifest = json.loads(
        offline.web_manifest(
            name="Toolkit", short_name="Kit", description="Help", theme_colour="#3f51b5", background_colour="#ffffff"
        )
    )
    assert manifest["start_url"] == "./" and manifest["scope"] == "./" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#3f51b5" and manifest["background_color"] == "#ffffff"
    purposes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert purposes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}


def _mark() -> bytes:
    image = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    image.paste((255, 255, 255, 255), (200, 200, 400, 400))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_icons_are_the_mark_on_the_theme_colour_at_each_size_and_reproducible():
    icons = offline.app_icons(_mark(), "#3f51b5")
    assert icons == offline.app_icons(_mark(), "#3f51b5")
    for name, size, _purpose, _share in offline.ICONS:
        image = Image.open(io.BytesIO(icons[name]))
        assert image.size == (size, size)
        assert image.getpixel((1, 1)) == (0x3F, 0x51, 0xB5), "the corner is the theme colour (full bleed)"
        assert image.getpixel((size // 2, size // 2)) == (255, 255, 255), "the mark sits in the middle"
    # A maskable icon may be cropped to a circle of 80%: its mark stays inside it.
    maskable = Image.open(io.BytesIO(icons["icon-maskable-512.png"]))
    assert maskable.getpixel((int(512 * 0.12), 256)) == (0x3F, 0x51, 0xB5)


def test_icons_come_from_the_render_cache_while_the_mark_and_colour_are_unchanged(tmp_path):
    drawn = offline.app_icons(_mark(), "#3f51b5", tmp_path)
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("icons-")]
    assert len(kept) == 1 and {p.name for p in kept[0].iterdir()} == set(drawn)
    (kept[0] / "icon-192.png").write_bytes(b"kept")  # what the cache holds is what comes back
    assert offline.app_icons(_mark(), "#3f51b5", tmp_path)["icon-192.png"] == b"kept"
    assert offline.app_icons(_mark(), "#000000", tmp_path) == offline.app_icons(_mark(), "#000000"), (
        "a new colour draws anew"
    )
    (kept[0] / "icon-512.png").unlink()  # a set missing an icon is drawn again
    assert offline.app_icons(_mark(), "#3f51b5", tmp_path) == drawn


@pytest.mark.parametrize(
    ("size", "kind"), [((600, 600), "PNG"), ((1024, 512), "PNG"), ((600, 600), "JPEG"), ((64, 64), "GIF")]
)
def test_the_mark_size_is_read_from_its_header_as_pillow_reads_it(size, kind):
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, format=kind)
    expected = Image.open(io.BytesIO(out.getvalue())).size if kind == "PNG" else None
    assert offline.png_size(out.getvalue()[:24]) == expected


@pytest.fixture
def mark(tmp_path):
    (tmp_path / "mark.png").write_bytes(_mark())
    return tmp_path / "mark.png"


def test_a_square_png_of_512_pixels_is_a_good_mark(mark):
    assert offline.mark_problems(mark, "mark.png", "mkdocs.yml", 43) == []


@pytest.mark.parametrize(("size", "kind"), [((256, 256), "PNG"), ((600, 500), "PNG"), ((600, 600), "JPEG")])
def test_a_mark_that_cannot_make_sharp_square_icons_is_refused_on_its_line(mark, size, kind):
    Image.new("RGB", size, "white").save(mark, format=kind)
    (problem,) = offline.mark_problems(mark, "mark.png", "mkdocs.yml", 43)
    assert str(problem).startswith(f"mkdocs.yml:43: app.mark mark.png is a {size[0]}x{size[1]} {kind}")
    assert "512" in problem.hint


def test_a_mark_that_is_not_an_image_is_refused(mark):
    mark.write_text("<svg/>", encoding="utf-8")
    (problem,) = offline.mark_problems(mark, "mark.png", "mkdocs.yml", 43)
    assert "not an image" in problem.message and problem.line == 43


def test_colours_are_read_from_the_root_blocks_only_as_written_once():
    css = ":root {\n  --sp-brand: #0F4C5C; /* note */\n  --sp-size: 3px;\n}\n.x { --sp-other: #000000; }"
    assert offline.root_colours(css) == {"--sp-brand": "#0f4c5c"}


def test_a_visit_storing_more_than_the_budget_is_a_warning_naming_the_largest_files():
    small = offline.Entry("index.html", "0" * 64, 40_000)
    assert offline.budget_problem([small]) is None
    big = offline.Entry("downloads/video.mp4", "1" * 64, 3 * 1024 * 1024)
    pdf = offline.Entry(PDF_PATH, "2" * 64, 10 * 1024 * 1024, on_request=True)
    warning = offline.budget_problem([small, big, pdf])
    assert "over the 3.0 MB budget" in warning and "downloads/video.mp4 3072 KB" in warning
    assert PDF_PATH not in warning and "hint:" in warning


def _loader_site(tmp_path, loader_text: str, *others: str):
    """A site with assets/js/shared.js (the given text) and two scripts fetched on demand."""
    folder = tmp_path / "assets" / "js"
    (folder / "evidence-log").mkdir(parents=True)
    (folder / "shared.js").write_text(loader_text, encoding="utf-8")
    (folder / "evidence-log" / "export.js").write_bytes(b"export();")
    (folder / "download.js").write_bytes(b"download();")
    for other in others:
        (tmp_path / other).write_text(loader_text, encoding="utf-8")
    return tmp_path


ON_DEMAND = ["assets/js/evidence-log/export.js", "assets/js/download.js"]


def test_load_learns_each_on_demand_scripts_hash_as_the_browser_checks_it_and_a_rebuild_keeps_it(tmp_path):
    from conftest import bare_post_build
    from saferpolitics.post_build.pipeline import write_on_demand_hashes

    site = _loader_site(tmp_path, 'var A=1;var OWN_FILES={"SP-ON-DEMAND-FILES":1};load("download.js");')
    build = bare_post_build(scripts=["assets/js/shared.js", *ON_DEMAND], on_demand=ON_DEMAND)
    assert write_on_demand_hashes(site, build) == []
    written = (site / "assets/js/shared.js").read_text(encoding="utf-8")
    own = json.loads(written.split("OWN_FILES=", 1)[1].split(";", 1)[0])
    # Named as load() asks for them, relative to shared.js; the hash is SHA-256 in base64, as
    # <script integrity> reads it.
    export = "sha256-" + base64.b64encode(hashlib.sha256(b"export();").digest()).decode()
    assert own == {"SP-ON-DEMAND-FILES": 1, "evidence-log/export.js": export, "download.js": own["download.js"]}
    assert written.startswith("var A=1;") and written.endswith('load("download.js");')
    # A second run over the written site (a --dirty build, the post-build CLI) fills it in afresh.
    (site / "assets/js/download.js").write_bytes(b"download(2);")
    assert write_on_demand_hashes(site, build) == []
    again = (site / "assets/js/shared.js").read_text(encoding="utf-8")
    assert again.count("SP-ON-DEMAND-FILES") == 1 and own["download.js"] not in again
    assert offline.subresource_integrity(b"download(2);") in again


@pytest.mark.parametrize(
    ("loader", "others", "found"),
    [
        ("var OWN_FILES = {};", (), "it is in no script"),
        (
            'var OWN_FILES={"SP-ON-DEMAND-FILES":1};',
            ("assets/js/menu.js",),
            "in assets/js/menu.js, assets/js/shared.js",
        ),
        ('var A={"SP-ON-DEMAND-FILES":1},B={"SP-ON-DEMAND-FILES":1};', (), "in assets/js/shared.js (2 times)"),
    ],
)
def test_on_demand_scripts_without_one_place_for_their_hashes_are_a_problem_on_the_settings_line(
    tmp_path, loader, others, found
):
    from conftest import bare_post_build
    from saferpolitics.post_build.pipeline import write_on_demand_hashes

    site = _loader_site(tmp_path / "site", loader, *others)
    build = bare_post_build(
        project_root=str(tmp_path),
        scripts=["assets/js/shared.js", *others, *ON_DEMAND],
        on_demand=ON_DEMAND,
        option_lines={"load_on_demand": {"": 3}},  # the setting's line, as the engine read mkdocs.yml
    )
    [problem] = write_on_demand_hashes(site, build)
    assert (problem.file, problem.line) == ("mkdocs.yml", 3)
    assert found in problem.message and "docs/assets/js/shared.js" in problem.hint
    # Nothing on demand: nothing to write, nothing wrong.
    assert write_on_demand_hashes(site, bare_post_build(scripts=["assets/js/shared.js"])) == []


def test_site_files_lists_what_pathlib_would_in_its_order(tmp_path):
    """The worker's list keeps its order: the quicker walk gives pathlib's files, sorted as paths
    ("a/b" before "a-c", which a sort of the text would swap), a link to a file as a file and
    nothing inside a linked folder."""
    for name in ["a/b", "a-c", "a/deep/d.css", "z.html", ".hidden"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "link-to-file").symlink_to(tmp_path / "z.html")
    (tmp_path / "link-to-folder").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "empty").mkdir()
    listed = offline.site_files(tmp_path)
    assert listed == sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert [p.relative_to(tmp_path).as_posix() for p in listed] == [
        ".hidden",
        "a/b",
        "a/deep/d.css",
        "a-c",
        "link-to-file",
        "z.html",
    ]
