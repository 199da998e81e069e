// LayerLab's service worker: after the first visit the site works with the network gone (a classroom
// with bad Wi-Fi). scripts/build_web.sh writes the build's version (a hash of what it built) over
// __LAYERLAB_VERSION__, so a rebuilt app is a new worker with a new cache, and the old cache is
// deleted when it takes over.
//  - install: the site itself (page, app, its data, the training worker in both builds, manifest, icons), each asked
//    of the server with revalidation ("no-cache": a 304 when the browser already has it, never an old
//    copy from the HTTP cache);
//  - fetch: from the cache first; anything else of this site fetched with success (the whole test
//    sets past the starter, the Training lab's data) is put in the cache as it passes;
//  - a navigation (the page, whatever its hash or query) is the cached index.html.
// Cached responses keep the headers they came with, COOP/COEP included, so the page stays
// cross-origin isolated when it is served from here.
"use strict";
var VERSION = "__LAYERLAB_VERSION__";
var CACHE = "layerlab-" + VERSION;
var SITE = ["./", "index.html", "layerlab.js", "layerlab.wasm", "layerlab.data", "train_worker.js",
            "layerlab_worker.js", "layerlab_worker.wasm", "layerlab_worker_mt.js", "layerlab_worker_mt.wasm",
            "layerlab_worker_mt.worker.js", "manifest.webmanifest", "icon.svg", "icon-192.png", "icon-512.png"];

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(SITE.map(function (url) {
      return fetch(new Request(url, { cache: "no-cache" })).then(function (r) {
        if (!r.ok) throw new Error(url + ": HTTP " + r.status);
        return cache.put(url, r);
      });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("layerlab-") === 0 && k !== CACHE; })
                           .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  var key = req.mode === "navigate" ? "index.html" : req;
  e.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(key, { ignoreSearch: req.mode === "navigate" }).then(function (hit) {
      if (hit) return hit;
      return fetch(req).then(function (r) {
        if (r.ok && r.status === 200) cache.put(req, r.clone());
        return r;
      });
    });
  }));
});
