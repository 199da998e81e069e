// A lab that is not written yet: its tab title, what it will show, in both languages.
#pragma once
#include "app/panels/lab.h"

namespace ll::app {

void draw_coming_soon(AppState& app, const char* title_key, const char* text_key);

}  // namespace ll::app
