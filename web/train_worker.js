// The Training lab's runs, each in a Web Worker of its own, so training never takes a frame from the
// page (and two runs use two cores). The worker runs layerlab_worker.js or layerlab_worker_mt.js (the
// engine and src/platform/worker/train_worker.cpp, built by scripts/build_web.sh) and talks to the page
// in messages:
//   page -> worker  {cmd: "start", id, request: JSON text, weights: ArrayBuffer | null}
//                   {cmd: "pause"} {cmd: "resume"} {cmd: "stop"}
//   worker -> page  {id, message: JSON text}   (loading / progress / done / stopped / failed)
//                   {id, weights: ArrayBuffer, last: false}  the weights (safetensors) at each epoch's end,
//                                               so the page can keep them if it closes
//                   {id, weights: ArrayBuffer, last: true}   the final weights, after the last message
// The data (data/<set>/{train,t10k}-*.gz, served beside the page) is fetched on the first start, with
// its progress reported, and kept by the browser's cache.
// The request's "threads" picks the engine: 2 loads layerlab_worker_mt.js (pthreads: this worker's
// thread and one more, which needs SharedArrayBuffer, so a cross-origin isolated page); otherwise, or
// when that build cannot start, layerlab_worker.js on one thread. The engine's replies say which
// ("threads"), and the results are the same bits either way.
"use strict";

var module = null, id = null, paused = false, stopped = false, running = false, epochsSent = 0;
var mtPending = null;  // while the two-thread module loads: its fallback, for an error in its pthread's Worker
var mtAbandoned = false;  // the run fell back to one thread: later errors of that module's Worker are its own

function canThread() { return self.crossOriginIsolated === true && typeof SharedArrayBuffer === "function"; }

function singleThreaded(options) {
  importScripts("layerlab_worker.js");
  return createTrainWorker(options);
}

// How long the pthread build may take to become ready before a run gives up on it: a last resort for a
// failure nothing reports (its download is about 0.5 MB).
var MT_LOAD_MS = 60000;

// The engine module for `threads` threads; resolves to the module. Any failure of the pthread build
// (no script, a pthread Worker that cannot load, an abort) falls back to the single-threaded one.
function createEngine(threads) {
  var options = { print: function () { }, printErr: function () { } };
  if (!(threads >= 2 && canThread())) return singleThreaded(options);
  return new Promise(function (resolve) {
    var settled = false, NativeWorker = self.Worker, timer = 0;
    function done() {
      settled = true;
      mtPending = null;
      self.Worker = NativeWorker;
      clearTimeout(timer);
    }
    function fallback() {
      if (settled) return;
      done();
      mtAbandoned = true;
      resolve(singleThreaded(options));
    }
    mtPending = fallback;
    timer = setTimeout(fallback, MT_LOAD_MS);
    // Emscripten creates the pool's Worker before it sets that Worker's onerror (once the WebAssembly
    // is compiled): a script that fails to load in between would go unheard and the module would wait
    // for it for ever. So every Worker made while the module loads is watched from its creation.
    self.Worker = function (url, opts) {
      var w = new NativeWorker(url, opts);
      w.addEventListener("error", fallback);
      return w;
    };
    try {
      importScripts("layerlab_worker_mt.js");
      // In a Worker Emscripten cannot tell its own script's address (_scriptDir is undefined), which the
      // pthread's Worker (layerlab_worker_mt.worker.js) must load: give it.
      var mt = Object.assign({}, options, {
        mainScriptUrlOrBlob: new URL("layerlab_worker_mt.js", self.location.href).href,
        onAbort: fallback
      });
      createTrainWorkerMt(mt).then(function (mod) {
        if (settled) return;
        done();
        resolve(mod);
      }, fallback);
    } catch (e) {
      fallback();
    }
  });
}

// Emscripten rethrows an error of a pthread's Worker here (library_pthread.js worker.onerror throws the
// Worker's error Event), and the module would never become ready: while it loads, that means "use one
// thread"; once the run has fallen back, it is the abandoned module's and not the run's (unhandled, it
// would reach the page as this worker failing).
self.addEventListener("error", function (e) {
  if (mtPending || (mtAbandoned && typeof Event === "function" && e.error instanceof Event)) {
    e.preventDefault();
    if (mtPending) mtPending();
  }
});

function post(obj) { postMessage({ id: id, message: JSON.stringify(obj) }); }

function fetchFile(url, path, onProgress) {
  return fetch(url).then(function (r) {
    if (!r.ok) throw new Error(url + ": HTTP " + r.status);
    var total = Number(r.headers.get("Content-Length")) || 0, loaded = 0, parts = [];
    var reader = r.body.getReader();
    function pump() {
      return reader.read().then(function (x) {
        if (x.done) {
          var all = new Uint8Array(loaded), at = 0;
          parts.forEach(function (p) { all.set(p, at); at += p.length; });
          module.FS.writeFile(path, all);
          return;
        }
        parts.push(x.value);
        loaded += x.value.length;
        onProgress(x.value.length, total);
        return pump();
      });
    }
    return pump();
  });
}

// The four files of a data set, fetched once per worker.
function fetchData(set) {
  var files = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];
  try { module.FS.mkdir("/data"); } catch (e) { }
  try { module.FS.mkdir("/data/" + set); } catch (e) { }
  var loaded = 0, lastPost = 0;
  return Promise.all(files.map(function (f) {
    return fetchFile("data/" + set + "/" + f, "/data/" + set + "/" + f, function (n, total) {
      loaded += n;
      var now = Date.now();
      if (now - lastPost > 100) { lastPost = now; post({ kind: "loading", loaded: loaded }); }
    });
  }));
}

// Steps in slices of about 50 ms, so a pause or stop is answered quickly and progress flows.
function loop() {
  if (stopped) {
    post(JSON.parse(module.ccall("tw_stop", "string", [], [])));
    return finish();
  }
  if (paused) { running = false; return; }
  running = true;
  var reply = JSON.parse(module.ccall("tw_advance", "string", ["number"], [50]));
  post(reply);
  if (reply.kind === "progress") {
    if (reply.history && reply.history.length > epochsSent) { epochsSent = reply.history.length; postWeights(false); }
    setTimeout(loop, 0);
  } else finish();
}

function finish() {
  running = false;
  postWeights(true);
}

function postWeights(last) {
  var n = module.ccall("tw_weights", "number", [], []);
  if (n > 0) {
    var bytes = module.FS.readFile("/run/weights.safetensors");
    postMessage({ id: id, weights: bytes.buffer, last: last }, [bytes.buffer]);
  }
}

onmessage = function (e) {
  var m = e.data;
  if (m.cmd === "start") {
    id = m.id;
    var request = null;
    Promise.resolve().then(function () {
      request = JSON.parse(m.request);
      return createEngine(request.threads || 1);
    }).then(function (mod) {
      module = mod;
      return fetchData(request.data).then(function () {
        try { module.FS.mkdir("/run"); } catch (e2) { }
        if (m.weights) module.FS.writeFile("/run/initial.safetensors", new Uint8Array(m.weights));
        var reply = JSON.parse(module.ccall("tw_start", "string", ["string", "number"], [m.request, m.weights ? 1 : 0]));
        post(reply);
        if (reply.kind === "progress") loop();
      });
    }).catch(function (err) {
      post({ kind: "failed", error: "the run could not start: " + (err && err.message ? err.message : String(err)) });
    });
  } else if (m.cmd === "pause") {
    paused = true;
  } else if (m.cmd === "resume") {
    if (paused) { paused = false; if (!running && module) loop(); }
  } else if (m.cmd === "stop") {
    stopped = true;
    if (!running && module) loop();
  }
};
