/*
 * The toolkit's service worker: keeps every page, script, stylesheet, icon and download of one
 * edition on the device, so the toolkit reads, searches and ticks checklists with no signal.
 *
 * The post-build pipeline (saferpolitics/post_build/pipeline.py) writes this file to the site root as service-worker.js after every other
 * build step, with the edition's file list (path, SHA-256, size) in place of the placeholder.
 * Same origin only: requests to other websites are never answered, cached or made here.
 *
 * - install: stores the edition in its own cache. A file whose hash is unchanged is copied from
 *   the previous edition's cache instead of downloaded again; every download is checked against
 *   its hash, so a half-deployed site never becomes an edition. An interrupted install resumes
 *   on the next visit. Files listed as on request (the PDF) are stored only if the reader kept
 *   them before. Then the new edition takes over at once (skipWaiting): a reader is never kept
 *   on an old edition for more than the page already open, which shows a notice (and runs only its
 *   own edition's scripts: shared.js's load() checks each one it fetches against its hash).
 * - activate: deletes every older edition's cache and takes control of open pages.
 * - fetch: an edition's file is answered from the cache (the network only if it is missing);
 *   a folder's address without its final slash ("/get-help-now", as the crisis card prints it)
 *   is sent on to the folder, as a web server does; anything else goes to the network, and
 *   offline a page gets the 404 page: "not found", or "not saved" for a file of this edition
 *   that is not stored (the PDF the reader did not keep, an install still under way).
 * - message: "keep" / "forget" one on-request file, from the page's "Keep the PDF" button.
 */
"use strict";

const BUILD = self.__SP_BUILD__;
const PREFIX = "safer-politics-";
const CACHE = PREFIX + BUILD.version;
const HASH_HEADER = "x-sp-sha256";
const FILES = new Map(BUILD.files.map((file) => [new URL(file.url, self.location).href, file]));
const NOT_FOUND = new URL("404.html", self.location).href;
/* In overrides/404.html; swapped for NOT_SAVED to show that page's words for a file not stored. */
const NOT_FOUND_MARK = 'data-sp-not-found="missing"';
const NOT_SAVED_MARK = 'data-sp-not-found="not-saved"';

/* The cache key of a same-origin URL in this edition, or null: "page/" is "page/index.html",
   and the query string is ignored (search results link to "page/?h=word"). */
function keyOf(url) {
  const address = new URL(url);
  if (address.origin !== self.location.origin) return null;
  address.search = "";
  address.hash = "";
  if (address.pathname.endsWith("/")) address.pathname += "index.html";
  return FILES.has(address.href) ? address.href : null;
}

/* The folder's address ("page/", query kept) when a same-origin URL names a page's folder
   without the final slash, else null. */
function folderOf(url) {
  const address = new URL(url);
  if (address.origin !== self.location.origin || address.pathname.endsWith("/")) return null;
  const query = address.search;
  address.search = "";
  address.hash = "";
  address.pathname += "/";
  if (!FILES.has(address.href + "index.html")) return null;
  address.search = query;
  return address.href;
}

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/* The file from the network, as this edition lists it (revalidated past the HTTP cache). */
async function download(key) {
  const file = FILES.get(key);
  const response = await fetch(key, { cache: "no-cache", credentials: "same-origin" });
  if (!response.ok) throw new Error(`${file.url} answered ${response.status}`);
  const body = await response.arrayBuffer();
  if ((await sha256(body)) !== file.sha256) {
    throw new Error(`${file.url} differs from this edition's copy (site being updated?); will try again`);
  }
  /* Only the type travels: the body is already decoded, so Content-Encoding would be wrong. */
  const headers = { "content-type": response.headers.get("content-type") || "", [HASH_HEADER]: file.sha256 };
  return new Response(body, { status: 200, headers });
}

async function previousCopy(key) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const copy = await (await caches.open(name)).match(key);
    if (copy) return copy;
  }
  return undefined;
}

async function store(key, cache) {
  if (await cache.match(key)) return; // stored by an interrupted install of this edition
  const file = FILES.get(key);
  const previous = await previousCopy(key);
  if (file.on_request && !previous) return;
  const copy = previous && previous.headers.get(HASH_HEADER) === file.sha256 ? previous : await download(key);
  await cache.put(key, copy);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(Array.from(FILES.keys(), (key) => store(key, cache)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function answer(request, key) {
  const cache = await caches.open(CACHE);
  if (key) {
    const stored = await cache.match(key);
    if (stored) return stored;
  }
  try {
    return await fetch(request);
  } catch (error) {
    const notFound = request.mode === "navigate" && (await cache.match(NOT_FOUND));
    if (!notFound) throw error;
    let page = await notFound.text();
    if (key) page = page.replace(NOT_FOUND_MARK, NOT_SAVED_MARK);
    return new Response(page, { status: 404, headers: notFound.headers });
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  const key = keyOf(request.url);
  const folder = !key && folderOf(request.url);
  event.respondWith(folder ? Response.redirect(folder, 301) : answer(request, key));
});

self.addEventListener("message", (event) => {
  const { action, url } = event.data || {};
  const key = url && keyOf(url);
  const reply = (result) => event.ports[0] && event.ports[0].postMessage(result);
  if (!key || !FILES.get(key).on_request || !["keep", "forget"].includes(action)) return reply({ ok: false });
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      if (action === "keep") await cache.put(key, await download(key));
      else await cache.delete(key);
      reply({ ok: true });
    })().catch(() => reply({ ok: false })),
  );
});
