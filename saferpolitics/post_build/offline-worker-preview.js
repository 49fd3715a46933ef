/*
 * The worker `mkdocs serve` writes instead of the offline one (saferpolitics/post_build/pipeline.py). A live preview
 * changes on every save, so nothing may be kept: this worker deletes the toolkit's caches and
 * unregisters itself, including a worker left by an earlier visit to a built copy of the site
 * at the same address, which would otherwise show stale pages.
 */
"use strict";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("safer-politics-")) await caches.delete(name);
      }
      await self.registration.unregister();
    })(),
  );
});
