"""The render cache: a set of files kept under a key of its inputs, whole or not at all."""

import os
import time
from pathlib import Path

import pytest

from saferpolitics.core import render_cache


def test_a_kept_set_comes_back_under_its_key_only(tmp_path):
    key = render_cache.key_for(b"mark", "#fff")
    render_cache.keep(tmp_path, "icons", key, {"a.png": b"1", "b.png": b"2"})
    assert render_cache.reuse(tmp_path, "icons", key, {"a.png", "b.png"}) == {"a.png": b"1", "b.png": b"2"}
    assert render_cache.reuse(tmp_path, "icons", key, {"a.png", "b.png", "c.png"}) is None, "a set missing a file"
    assert render_cache.reuse(tmp_path, "icons", render_cache.key_for(b"mark", "#000"), {"a.png", "b.png"}) is None
    assert render_cache.reuse(None, "icons", key, {"a.png"}) is None
    render_cache.keep(None, "icons", key, {"a.png": b"1"})  # no cache: nothing to do


def test_parts_cannot_run_together_into_another_key():
    assert render_cache.key_for("ab", "c") != render_cache.key_for("a", "bc")


def test_only_the_newest_sets_of_a_name_are_kept(tmp_path):
    for n in range(5):
        render_cache.keep(tmp_path, "icons", render_cache.key_for(str(n)), {"a.png": bytes([n])})
    render_cache.keep(tmp_path, "other", render_cache.key_for("x"), {"a": b""})
    left = sorted(p.name for p in tmp_path.iterdir())
    assert len([name for name in left if name.startswith("icons-")]) == render_cache.KEEP_LAST
    assert render_cache.reuse(tmp_path, "icons", render_cache.key_for("4"), {"a.png"}) == {"a.png": bytes([4])}
    assert any(name.startswith("other-") for name in left) and not any(name.startswith(".tmp-") for name in left)


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    render_cache.keep(blocked, "icons", "k", {"a": b"1"})
    assert render_cache.reuse(blocked, "icons", "k", {"a"}) is None


def test_a_set_is_made_once_then_read_back(tmp_path):
    made = []

    def make():
        made.append(1)
        return {"a": b"1"}

    assert render_cache.kept_or_made(tmp_path, "x", "k", {"a"}, make) == {"a": b"1"}
    assert render_cache.kept_or_made(tmp_path, "x", "k", {"a"}, make) == {"a": b"1"}
    assert len(made) == 1
    assert render_cache.kept_or_made(None, "x", "k", {"a"}, make) == {"a": b"1"} and len(made) == 2


def test_a_folder_filled_file_by_file_is_made_once_and_pruned_like_a_set(tmp_path):
    for n in range(5):
        folder = render_cache.open_folder(tmp_path, "templates", render_cache.key_for(str(n)))
        (folder / "compiled").write_bytes(bytes([n]))
    assert render_cache.open_folder(tmp_path, "templates", render_cache.key_for("4")) == folder
    assert (folder / "compiled").read_bytes() == bytes([4]), "the folder is kept, with what was written in it"
    assert len(list(tmp_path.glob("templates-*"))) == render_cache.KEEP_LAST
    assert render_cache.open_folder(None, "templates", "k") is None
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert render_cache.open_folder(blocked, "templates", "k") is None, "a cache that cannot be written only costs time"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "/project/.saferpolitics-cache"),
        ({"TOOLKIT_RENDER_CACHE": "/elsewhere"}, "/elsewhere"),
        ({"TOOLKIT_RENDER_CACHE": "0"}, None),
        ({"TOOLKIT_PDF_CACHE": "0"}, None),  # the old name still works, with a note
        ({"TOOLKIT_PDF_CACHE": "0", "TOOLKIT_RENDER_CACHE": "/elsewhere"}, "/elsewhere"),
    ],
)
def test_where_renders_are_kept(environ, expected):
    found = render_cache.cache_dir_for(Path("/project"), environ)
    assert (str(found) if found else None) == expected
    assert (render_cache.switch_note(environ) is not None) == (environ.keys() == {"TOOLKIT_PDF_CACHE"})


def test_a_name_that_begins_another_never_prunes_its_sets(tmp_path):
    for n in range(render_cache.KEEP_LAST):
        render_cache.keep(tmp_path, "pdf-card-a4-large", render_cache.key_for(str(n)), {"a": b""})
    for n in range(render_cache.KEEP_LAST + 1):
        render_cache.keep(tmp_path, "pdf-card", render_cache.key_for(str(n)), {"a": b""})
    assert len(list(tmp_path.glob("pdf-card-a4-large-*"))) == render_cache.KEEP_LAST


def test_kept_files_come_back_under_their_key_and_only_a_builds_own_stay(tmp_path):
    first = render_cache.KeptFiles(tmp_path, "pages", "shared")
    first.put("a", "<p>á</p>".encode())
    first.put("b", b"<p>b</p>")
    first.forget_unused()
    later = render_cache.KeptFiles(tmp_path, "pages", "shared")
    assert later.get("a") == "<p>á</p>".encode() and later.get("c") is None
    later.forget_unused()
    assert sorted(p.name for p in (tmp_path / "pages-shared").iterdir()) == ["a"], "b was not read: it goes"
    assert render_cache.KeptFiles(tmp_path, "pages", "other settings").get("a") is None
    nowhere = render_cache.KeptFiles(None, "pages", "shared")
    nowhere.put("a", b"x")
    assert nowhere.get("a") is None
    nowhere.forget_unused()


def test_a_kept_verdict_is_known_from_one_listing_of_its_folder_and_stays(tmp_path, monkeypatch):
    first = render_cache.KeptFiles(tmp_path, "clean-pages", "shared")
    assert not first.has("a")
    first.put("a", b"")
    assert first.has("a"), "a verdict kept by this build counts at once"
    first.forget_unused()
    listed = []
    listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda folder: listed.append(folder) or listdir(folder))
    later = render_cache.KeptFiles(tmp_path, "clean-pages", "shared")
    assert [later.has(key) for key in ("a", "b", "a")] == [True, False, True]
    assert len(listed) == 1, "the folder is listed once, not a file opened for each key"
    later.forget_unused()
    assert [p.name for p in (tmp_path / "clean-pages-shared").iterdir()] == ["a"], "a was used: it stays"
    assert not render_cache.KeptFiles(None, "clean-pages", "shared").has("a")


def test_a_kept_file_is_made_once_then_read_back_by_later_builds(tmp_path):
    made = []

    def make() -> bytes:
        made.append(1)
        return b"a{}"

    for _ in range(2):
        kept = render_cache.KeptFiles(tmp_path, "smaller", "shared")
        assert kept.made("key", make) == b"a{}"
        kept.forget_unused()
    assert len(made) == 1
    assert render_cache.KeptFiles(None, "smaller", "shared").made("key", make) == b"a{}" and len(made) == 2


def test_a_half_written_file_goes_only_once_no_build_can_still_be_writing_it(tmp_path):
    kept = render_cache.KeptFiles(tmp_path, "pages", "shared")
    old, young = kept.folder / ".tmp-old", kept.folder / ".tmp-young"
    old.write_bytes(b"half")
    young.write_bytes(b"half")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    kept.forget_unused()
    assert not old.exists() and young.exists(), "another build may be writing the young one"
