// The site's service worker (tools/lite/build.py writes it over JupyterLite's own
// service-worker.js, with the build's version and file list filled in).
//
// 1. What JupyterLite's worker does, unchanged: it answers the kernel's file-system requests
//    (/api/drive, /api/stdin/) through a BroadcastChannel to the page, and the heartbeat.
// 2. Offline after one visit: every file of the site a visit uses (the pages, the JupyterLab
//    bundles, Pyodide and its wheels, the notebooks) is kept in a cache named after the build
//    ("nnviz-<version>"). The page (nnviz-site.js) tells this worker, once Python is ready,
//    which files the visit used; they are copied from the browser's HTTP cache. A new build
//    has a new version: its worker replaces this one and deletes the old cache, so no file of
//    two builds mixes.
// 3. Out of the way while the site answers: with the network up, a page is asked of the server
//    first (its kept copy is the answer when that fails), and every other request is left to
//    the browser (its HTTP cache, then the server), as if there were no worker: answering
//    them from this worker's cache cost a second visit about a second (benchmarks/lite.py).
//    With the network down, or once the server has not answered a page, every request is
//    answered from the cache.
//
// Browsers run service workers only on https:// and on http://localhost / 127.0.0.1.
"use strict";
const VERSION = "@VERSION@";
const CACHE = `nnviz-${VERSION}`;
const KERNEL_FILES = "@KERNEL_FILES@";   // site-relative paths every kernel start loads
const READY = "nnviz-offline-ready";      // a marker entry: the visit's files are all kept
const broadcast = new BroadcastChannel("/sw-api.v1");

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== CACHE) {
        await caches.delete(name);          // older builds, and JupyterLite's "precache"
      }
    }
    await self.clients.claim();
  })());
});

function shouldBroadcast(url) {
  return url.origin === location.origin &&
    (url.pathname.includes("/api/drive") || url.pathname.includes("/api/stdin/"));
}

async function broadcastOne(request, url) {
  const message = await request.json();
  const promise = new Promise((resolve) => {
    const listener = (event) => {
      const data = event.data;
      if (data.browsingContextId !== message.browsingContextId) {
        return;
      }
      resolve(new Response(JSON.stringify(data.response)));
      broadcast.removeEventListener("message", listener);
    };
    broadcast.addEventListener("message", listener);
  });
  message.pathname = url.pathname;
  broadcast.postMessage(message);
  return await promise;
}

// A 404 is kept too: offline, the same question gets the same answer (e.g. /favicon.ico).
function keepable(request, response) {
  return request.method === "GET" && response && [200, 404].includes(response.status) &&
    response.type === "basic" && !response.headers.get("Content-Range");
}

// Until when (ms) requests are answered from the cache: the server did not answer a page.
let unreachableUntil = 0;
const UNREACHABLE_MS = 5 * 60 * 1000;

async function networkFirst(event) {
  const { request } = event;
  try {
    const response = await fetch(request);
    if (keepable(request, response)) {
      const cache = await caches.open(CACHE);
      event.waitUntil(cache.put(new URL(request.url).pathname, response.clone()));
    }
    return response;
  } catch (error) {
    unreachableUntil = Date.now() + UNREACHABLE_MS;
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) {
      return hit;
    }
    throw error;
  }
}

async function cacheFirst(event) {
  const { request } = event;
  const cache = await caches.open(CACHE);
  const navigation = request.mode === "navigate";
  // A page's address carries ?path=<notebook>: any notebook opens from the same page.
  const hit = await cache.match(request, { ignoreSearch: navigation });
  if (hit) {
    return hit;
  }
  const response = await fetch(request);
  if (keepable(request, response)) {
    event.waitUntil(cache.put(navigation ? new URL(request.url).pathname : request,
                              response.clone()));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.pathname.endsWith("/api/service-worker-heartbeat")) {
    event.respondWith(new Response("ok"));
  } else if (shouldBroadcast(url)) {
    event.respondWith(broadcastOne(event.request, url));
  } else if (event.request.method === "GET" && url.origin === location.origin) {
    if (!self.navigator.onLine || Date.now() < unreachableUntil) {
      event.respondWith(cacheFirst(event));
    } else if (event.request.mode === "navigate") {
      event.respondWith(networkFirst(event));
    }
    // Otherwise not answered here: the browser fetches it as it would without this worker.
  }
});

// From the page: {type: "nnviz-keep", urls: [...]}: keep these (and the kernel's files).
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "nnviz-keep") {
    return;
  }
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const scope = self.registration.scope;
    const urls = new Set(KERNEL_FILES.map((p) => new URL(p, scope).href));
    for (const u of data.urls || []) {
      const url = new URL(u, scope);
      if (url.origin === location.origin && !url.pathname.endsWith("/api/service-worker-heartbeat")) {
        url.hash = "";
        if (url.pathname.endsWith(".html") || url.pathname.endsWith("/")) {
          url.search = "";                  // pages are kept by path (see cacheFirst)
        }
        urls.add(url.href);
      }
    }
    const missing = [];
    for (const u of urls) {
      if (await cache.match(u)) {
        continue;
      }
      try {
        const response = await fetch(u);    // from the HTTP cache, as a rule
        if (keepable(new Request(u), response)) {
          await cache.put(u, response);
        } else {
          missing.push(`${u} (${response.status})`);
        }
      } catch (e) {
        missing.push(`${u} (${e})`);
      }
    }
    if (!missing.length) {
      await cache.put(new URL(READY, scope).href, new Response(VERSION));
    }
    if (event.ports && event.ports[0]) {
      event.ports[0].postMessage({ type: "nnviz-kept", version: VERSION, missing });
    }
  })());
});
