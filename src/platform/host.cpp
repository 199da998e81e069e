// app::Host for the browser and the desktop.
//   Browser: the URL hash through history.replaceState (no history entry per slider move) or
//   pushState (a new view: Back returns to the previous one), the hashchange events of the page
//   counted in Module.llHashSerial (web/index.html), localStorage. The user's pictures live in
//   IndexedDB: web/index.html reads them before main() into /stored (index.json + one file each),
//   and store_picture() writes through Module.llStorePicture.
//   Desktop: the "hash" comes from --state and lives in memory; storage is a small key<TAB>value
//   file, $XDG_CONFIG_HOME/layerlab/state.tsv (or ~/.config/...), written on every change; pictures
//   are files in the pictures/ folder beside it.
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
EM_JS(void, ll_js_push_hash, (const char* h), {
    var s = UTF8ToString(h);
    try { history.pushState(null, "", s ? "#" + s : window.location.pathname + window.location.search); }
    catch (e) { }
});
EM_JS(int, ll_js_hash_serial, (), { return Module.llHashSerial || 0; });
EM_JS(char*, ll_js_location, (), {
    var v = String(window.location.href);
    var n = lengthBytesUTF8(v) + 1, p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
});
EM_JS(int, ll_js_copy_text, (const char* t), {
    return Module.llCopyText ? (Module.llCopyText(UTF8ToString(t)) ? 1 : 0) : 0;
});
EM_JS(void, ll_js_store_picture, (const char* key, const char* name, const char* bytes, int n), {
    if (Module.llStorePicture) Module.llStorePicture(UTF8ToString(key), UTF8ToString(name), HEAPU8.slice(bytes, bytes + n));
});
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
EM_JS(void, ll_js_save_file, (const char* name, const char* bytes, int n), {
    var blob = new Blob([HEAPU8.slice(bytes, bytes + n)], { type: "application/octet-stream" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});
EM_JS(void, ll_js_announce, (const char* t), {
    var el = document.getElementById("live");
    if (el) el.textContent = UTF8ToString(t);
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
#include <dirent.h>
#include <sys/stat.h>
#endif
#include <algorithm>

#include "engine/json.h"
#include "engine/model.h"  // read_file, write_file

namespace ll::platform {

#ifdef __EMSCRIPTEN__

void PlatformHost::load_native_state(const std::string&) {}
std::string PlatformHost::url_hash() { return take(ll_js_get_hash()); }
void PlatformHost::set_url_hash(const std::string& hash) { ll_js_set_hash(hash.c_str()); }
void PlatformHost::push_url_hash(const std::string& hash) { ll_js_push_hash(hash.c_str()); }
std::string PlatformHost::view_link() { return take(ll_js_location()); }
bool PlatformHost::copy_text(const std::string& text) { return ll_js_copy_text(text.c_str()) == 1; }
void PlatformHost::announce(const std::string& text) { ll_js_announce(text.c_str()); }

// /stored/index.json: [{"key": "upload-000001", "name": "cat.jpg", "file": "/stored/0"}, ...]
std::vector<app::StoredPicture> PlatformHost::stored_pictures() {
    std::vector<app::StoredPicture> out;
    std::string text;
    Json index;
    if (!read_file("/stored/index.json", text) || !parse_json(text, index) || !index.is_array()) return out;
    for (size_t i = 0; i < index.size(); ++i) {
        const Json& e = index[i];
        const Json* key = e.find("key");
        const Json* name = e.find("name");
        const Json* file = e.find("file");
        if (!key || !name || !file || !key->is_string() || !name->is_string() || !file->is_string()) continue;
        app::StoredPicture p{key->as_string(), name->as_string(), ""};
        if (read_file(file->as_string(), p.bytes)) out.push_back(std::move(p));
    }
    std::sort(out.begin(), out.end(), [](const app::StoredPicture& a, const app::StoredPicture& b) { return a.key < b.key; });
    return out;
}

void PlatformHost::store_picture(const app::StoredPicture& p) {
    ll_js_store_picture(p.key.c_str(), p.name.c_str(), p.bytes.data(), int(p.bytes.size()));
}

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
std::string PlatformHost::save_file(const std::string& name, const std::string& bytes) {
    ll_js_save_file(name.c_str(), bytes.data(), int(bytes.size()));
    return name;
}

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
void PlatformHost::push_url_hash(const std::string& hash) { native_hash_ = hash; }
std::string PlatformHost::view_link() { return "layerlab-desktop --state '" + native_hash_ + "'"; }
bool PlatformHost::copy_text(const std::string& text) {
    ImGui::SetClipboardText(text.c_str());  // GLFW's clipboard, through ImGui's backend
    return true;
}
void PlatformHost::announce(const std::string&) {}

namespace {
// pictures/<key> holds the bytes, pictures/<key>.name the file's name.
std::string pictures_dir(const std::string& store_path) {
    return store_path.empty() ? std::string() : store_path.substr(0, store_path.rfind('/')) + "/pictures";
}
}  // namespace

std::vector<app::StoredPicture> PlatformHost::stored_pictures() {
    std::vector<app::StoredPicture> out;
    const std::string dir = pictures_dir(native_store_path_);
    DIR* d = dir.empty() ? nullptr : ::opendir(dir.c_str());
    if (!d) return out;
    while (const dirent* e = ::readdir(d)) {
        const std::string key = e->d_name;
        if (key.empty() || key[0] == '.' || key.find(".name") != std::string::npos) continue;
        app::StoredPicture p{key, key, ""};
        if (!read_file(dir + "/" + key, p.bytes)) continue;
        std::string name;
        if (read_file(dir + "/" + key + ".name", name) && !name.empty()) p.name = name;
        out.push_back(std::move(p));
    }
    ::closedir(d);
    std::sort(out.begin(), out.end(), [](const app::StoredPicture& a, const app::StoredPicture& b) { return a.key < b.key; });
    return out;
}

void PlatformHost::store_picture(const app::StoredPicture& p) {
    const std::string dir = pictures_dir(native_store_path_);
    if (dir.empty() || p.key.find('/') != std::string::npos || p.key.empty() || p.key[0] == '.') return;
    const std::string base = dir.substr(0, dir.rfind('/'));
    ::mkdir(base.substr(0, base.rfind('/')).c_str(), 0755);
    ::mkdir(base.c_str(), 0755);
    ::mkdir(dir.c_str(), 0755);
    if (p.bytes.empty()) {
        std::remove((dir + "/" + p.key).c_str());
        std::remove((dir + "/" + p.key + ".name").c_str());
        return;
    }
    (void)write_file(dir + "/" + p.key, p.bytes);
    (void)write_file(dir + "/" + p.key + ".name", p.name);
}
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

std::string PlatformHost::save_file(const std::string& name, const std::string& bytes) {
    if (name.empty() || name.find('/') != std::string::npos) return "";
    return write_file(name, bytes) ? name : "";
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
