"""Redirect stubs (on_post_build): add the emergency strip to each page mkdocs-redirects writes.

Why on_post_build: mkdocs-redirects writes its stubs in its own on_post_build, and hooks run after
plugins for the same event. The strip is rendered from the theme's own partial, so it never drifts
from the one on every other page. Logic lives in saferpolitics.post_build.redirects.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs_redirects.plugin import get_html_path

from saferpolitics.post_build import redirects


def on_post_build(config):
    plugin = config.plugins.get("redirects")
    if plugin is None:
        return
    strip_template = config.theme.get_env().get_template("partials/emergency.html")
    for old_page in plugin.config["redirect_maps"]:
        dest_path = get_html_path(old_page, config.use_directory_urls)
        stub = Path(config.site_dir) / dest_path
        # A stub is missing only when its target does not exist; the plugin has already logged
        # that as a warning, which fails the strict build.
        if not stub.exists():
            continue
        strip = strip_template.render(config=config, page=None, base_url=redirects.site_root_from(dest_path))
        stub.write_text(redirects.with_emergency_strip(stub.read_text(encoding="utf-8"), strip), encoding="utf-8")
