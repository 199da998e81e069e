// Host::fetch_start / fetch_status (app/host.h): data fetched when a view first needs it.
//   Browser: fetch() beside the page, streamed so the app can show progress, the body written to the
//   virtual file system when complete. Module.llFetches[url] holds {state, loaded, total, error};
//   each chunk wakes the frame loop (Module.llFetchSerial, polled by platform_glfw.cpp like the hash).
//   The service worker (web/sw.js) caches the response, so a second visit or an offline one reads it
//   from there.
//   Desktop: the data is read from its packages' folders directly; nothing to fetch.
#include "platform/platform.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include <cstdio>
#include <cstdlib>

EM_JS(int, ll_js_fetch_start, (const char* url_c, const char* path_c), {
    var url = UTF8ToString(url_c), path = UTF8ToString(path_c);
    var all = Module.llFetches || (Module.llFetches = {});
    if (all[url] && all[url].state !== 3) return 1;
    var st = all[url] = { state: 1, loaded: 0, total: 0, error: "" };
    function wake() { Module.llFetchSerial = (Module.llFetchSerial || 0) + 1; }
    function fail(msg) { st.state = 3; st.error = msg; wake(); }
    fetch(url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        st.total = Number(r.headers.get("Content-Length")) || 0;
        var reader = r.body.getReader(), parts = [];
        function pump() {
            return reader.read().then(function (x) {
                if (x.done) {
                    var body = new Uint8Array(st.loaded), at = 0;
                    parts.forEach(function (p) { body.set(p, at); at += p.length; });
                    var dir = path.substring(0, path.lastIndexOf("/"));
                    try { FS.mkdirTree(dir); } catch (e) { }
                    FS.writeFile(path, body);
                    st.state = 2;
                    wake();
                    return;
                }
                parts.push(x.value);
                st.loaded += x.value.length;
                wake();
                return pump();
            });
        }
        return pump();
    }).catch(function (e) {
        fail((navigator.onLine === false ? "offline: " : "") + url + ": " + (e && e.message ? e.message : String(e)));
    });
    return 1;
});
// "state loaded total error" (error last: it may hold spaces), malloc'ed.
EM_JS(char*, ll_js_fetch_status, (const char* url_c), {
    var st = (Module.llFetches || {})[UTF8ToString(url_c)];
    var s = st ? st.state + " " + st.loaded + " " + st.total + " " + st.error : "0 0 0 ";
    var n = lengthBytesUTF8(s) + 1, p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});
EM_JS(int, ll_js_fetch_serial, (), { return Module.llFetchSerial || 0; });
#endif

namespace ll::platform {

#ifdef __EMSCRIPTEN__
bool PlatformHost::fetch_start(const std::string& url, const std::string& path) {
    return ll_js_fetch_start(url.c_str(), path.c_str()) == 1;
}

app::FetchStatus PlatformHost::fetch_status(const std::string& url) {
    char* raw = ll_js_fetch_status(url.c_str());
    app::FetchStatus out;
    int state = 0, used = 0;
    if (std::sscanf(raw, "%d %lf %lf %n", &state, &out.loaded, &out.total, &used) >= 3) {
        out.state = app::FetchStatus::State(state);
        out.error = raw + used;
    }
    std::free(raw);
    return out;
}

bool PlatformHost::fetch_progressed() {
    const int serial = ll_js_fetch_serial();
    if (serial == fetch_serial_) return false;
    fetch_serial_ = serial;
    return true;
}
#else
bool PlatformHost::fetch_start(const std::string&, const std::string&) { return false; }
app::FetchStatus PlatformHost::fetch_status(const std::string&) { return {}; }
bool PlatformHost::fetch_progressed() { return false; }
#endif

}  // namespace ll::platform
