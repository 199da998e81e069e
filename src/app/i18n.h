// i18n: every label and explanation in English and Korean, looked up by key ("conv.kernel").
// The strings live in src/app/strings/ (a table per lab), one row per key with both languages, so a
// missing translation is a gap in the table, not a runtime surprise. The build subsets the fonts to the
// characters of those files (cmake/app.cmake), so a new Korean string needs no other step.
#pragma once
#include <string>

namespace ll::app {

enum class Lang { En, Ko };

// The string for key in lang; the key itself when unknown (visible, so a typo is easy to spot).
const char* tr(Lang lang, const char* key);
bool has_key(const char* key);

const char* lang_code(Lang lang);                    // "en", "ko"
bool parse_lang(const std::string& code, Lang& out);

// An engine message (English, as the CLI prints it) for the UI: itself in English; in Korean a Korean
// sentence for the kind of problem and the layer it names (strings/engine_errors.cpp). Show the English
// beside a Korean one, for searching.
std::string engine_message(Lang lang, const std::string& en);
std::string engine_message_text();  // every Korean sentence engine_message can give (for the fonts)

// Every string of both languages, concatenated: the font loader builds its glyph ranges from it.
std::string all_ui_text();

// A label for a widget: the translated text with a stable ImGui ID ("Kernel###conv.kernel"), so
// switching language keeps each widget's state. Lives until the end of the full expression.
struct Label {
    char buf[256];
    operator const char*() const { return buf; }
};
Label label(Lang lang, const char* key);

}  // namespace ll::app
