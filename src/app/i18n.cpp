// i18n lookup over the string tables of src/app/strings/ (one file per lab, each row a key with its
// English and Korean text).
#include "app/i18n.h"

#include <array>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <unordered_map>

#include "app/lesson_controls.h"
#include "app/strings/strings.h"

namespace ll::app {

namespace {

using strings::Entry;

// Every table (a function, not a global: tr() may run during another file's static initialisation). A key
// found in two tables keeps its first row.
std::array<strings::Table, 8> tables() {
    return {strings::shell(), strings::network(), strings::optimizers(), strings::normalization(), strings::training(),
            strings::lessons(),
            strings::offline(), strings::detection()};
}

const std::unordered_map<std::string_view, const Entry*>& index() {
    // Built once on first use; read-only afterwards.
    static const std::unordered_map<std::string_view, const Entry*> map = [] {
        std::unordered_map<std::string_view, const Entry*> m;
        for (const strings::Table& t : tables())
            for (size_t i = 0; i < t.size; ++i) m.emplace(t.rows[i].key, &t.rows[i]);
        return m;
    }();
    return map;
}

}  // namespace

const char* tr(Lang lang, const char* key) {
    const auto& m = index();
    const auto it = m.find(key);
    if (it == m.end()) return key;
    return lang == Lang::Ko ? it->second->ko : it->second->en;
}

bool has_key(const char* key) { return index().count(key) != 0; }

const char* lang_code(Lang lang) { return lang == Lang::Ko ? "ko" : "en"; }

bool parse_lang(const std::string& code, Lang& out) {
    if (code == "en") { out = Lang::En; return true; }
    if (code == "ko") { out = Lang::Ko; return true; }
    return false;
}

std::string all_ui_text() {
    std::string s;
    for (const strings::Table& t : tables()) {
        for (size_t i = 0; i < t.size; ++i) {
            s += t.rows[i].en;
            s += t.rows[i].ko;
        }
    }
    return s + engine_message_text();
}

Label label(Lang lang, const char* key) {
    Label l;
    std::snprintf(l.buf, sizeof l.buf, "%s###%s", tr(lang, key), key);
    controls::note_label(key, l.buf);
    return l;
}

}  // namespace ll::app
