// app::Host for the browser and the desktop.
//   Browser: the URL hash through history.replaceState (no history entry per slider move), the
//   hashchange events of the page counted in Module.llHashSerial (web/index.html), localStorage.
//   Desktop: the "hash" comes from --state and lives in memory; storage is a small key<TAB>value
//   file, $XDG_CONFIG_HOME/layerlab/state.tsv (or ~/.config/...), written on every change.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "platform/platform.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// Strings returned by these are malloc'ed (_malloc is exported); the caller frees them.
EM_JS(char*, ll_js_get_hash, (), {
    var h = window.location.hash || "";
    if (h.charAt(0) === "#") h = h.substring(1);
    var n = lengthBytesUTF8(h) + 1, p = _malloc(n);
    stringToUTF8(h, p, n);
    return p;
});
EM_JS(void, ll_js_set_hash, (const char* h), {
    var s = UTF8ToString(h);
    try { history.replaceState(history.state, "", s ? "#" + s : window.location.pathname + window.location.search); }
    catch (e) { }
});
EM_JS(int, ll_js_hash_serial, (), { return Module.llHashSerial || 0; });
EM_JS(char*, ll_js_storage_get, (const char* k), {
    var v = null;
    try { v = window.localStorage.getItem(UTF8ToString(k)); } catch (e) { }
    v = v === null ? "" : v;
    var n = lengthBytesUTF8(v) + 1, p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
});
EM_JS(void, ll_js_storage_set, (const char* k, const char* v), {
    try { window.localStorage.setItem(UTF8ToString(k), UTF8ToString(v)); } catch (e) { }
});
EM_JS(char*, ll_js_language, (), {
    var l = (navigator.language || "").toLowerCase().substring(0, 2);
    var n = lengthBytesUTF8(l) + 1, p = _malloc(n);
    stringToUTF8(l, p, n);
    return p;
});

namespace {
std::string take(char* s) {
    std::string out = s ? s : "";
    std::free(s);
    return out;
}
}  // namespace
#else
#include <sys/stat.h>
#endif

namespace ll::platform {

#ifdef __EMSCRIPTEN__

void PlatformHost::load_native_state(const std::string&) {}
std::string PlatformHost::url_hash() { return take(ll_js_get_hash()); }
void PlatformHost::set_url_hash(const std::string& hash) { ll_js_set_hash(hash.c_str()); }
bool PlatformHost::url_hash_changed_by_user() {
    const int serial = ll_js_hash_serial();
    if (serial == hash_serial_) return false;
    hash_serial_ = serial;
    return true;
}
bool PlatformHost::url_hash_change_pending() { return ll_js_hash_serial() != hash_serial_; }
std::string PlatformHost::storage_get(const std::string& key) { return take(ll_js_storage_get(key.c_str())); }
void PlatformHost::storage_set(const std::string& key, const std::string& value) {
    ll_js_storage_set(key.c_str(), value.c_str());
}
std::string PlatformHost::preferred_language() { return take(ll_js_language()); }

#else

namespace {
std::string config_path() {
    std::string dir;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) dir = x;
    else if (const char* h = std::getenv("HOME"); h && *h) dir = std::string(h) + "/.config";
    else return "";
    return dir + "/layerlab/state.tsv";
}
}  // namespace

void PlatformHost::load_native_state(const std::string& initial_hash) {
    native_hash_ = initial_hash;
    native_store_path_ = config_path();
    if (native_store_path_.empty()) return;
    FILE* f = std::fopen(native_store_path_.c_str(), "r");
    if (!f) return;
    char line[4096];
    while (std::fgets(line, sizeof line, f)) {
        std::string s(line);
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
        const size_t tab = s.find('\t');
        if (tab != std::string::npos) native_store_[s.substr(0, tab)] = s.substr(tab + 1);
    }
    std::fclose(f);
}

std::string PlatformHost::url_hash() { return native_hash_; }
void PlatformHost::set_url_hash(const std::string& hash) { native_hash_ = hash; }
bool PlatformHost::url_hash_changed_by_user() { return false; }
bool PlatformHost::url_hash_change_pending() { return false; }

std::string PlatformHost::storage_get(const std::string& key) {
    const auto it = native_store_.find(key);
    return it == native_store_.end() ? std::string() : it->second;
}

void PlatformHost::storage_set(const std::string& key, const std::string& value) {
    const auto it = native_store_.find(key);
    if (it != native_store_.end() && it->second == value) return;
    native_store_[key] = value;
    if (native_store_path_.empty()) return;
    // Create ~/.config/layerlab if needed (mkdir of an existing folder fails harmlessly).
    const std::string dir = native_store_path_.substr(0, native_store_path_.rfind('/'));
    ::mkdir(dir.substr(0, dir.rfind('/')).c_str(), 0755);
    ::mkdir(dir.c_str(), 0755);
    FILE* f = std::fopen(native_store_path_.c_str(), "w");
    if (!f) return;
    for (const auto& kv : native_store_) std::fprintf(f, "%s\t%s\n", kv.first.c_str(), kv.second.c_str());
    std::fclose(f);
}

std::string PlatformHost::preferred_language() {
    const char* lang = std::getenv("LANG");
    return lang ? std::string(lang).substr(0, 2) : std::string();
}

#endif

void PlatformHost::image_update(int image, const Tensor& t, int channel, app::Colormap cm, float lo, float hi) {
    colormap_.update(image, t, channel, cm, lo, hi);
}

ImTextureID PlatformHost::image_texture(int image) {
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(colormap_.texture(image)));
}

std::string PlatformHost::graphics_info() {
    const char* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    const char* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    return std::string(version ? version : "?") + " / " + (renderer ? renderer : "?");
}

}  // namespace ll::platform
