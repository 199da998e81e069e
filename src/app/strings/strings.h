// The UI's strings, one table per lab (src/app/strings/*.cpp), merged by app/i18n.cpp. A row holds a key
// with its English and Korean text, so a missing translation is a visible gap in one line. Format strings
// keep the same printf conversions in both languages (keep %d as %d, %s as %s). The web build's fonts are
// subset to the characters of these files (cmake/app.cmake), so a new Korean string needs no other step.
#pragma once
#include <cstddef>

namespace ll::app::strings {

struct Entry {
    const char* key;
    const char* en;
    const char* ko;
};

struct Table {
    const Entry* rows;
    size_t size;
};

Table shell();          // tabs, menus, about, labs to come, the Conv arithmetic lab, the inputs
Table network();        // the Network lab
Table optimizers();     // the Optimizers lab
Table normalization();  // the Normalization lab
Table training();       // the Training lab
Table lessons();        // the lesson player
Table offline();        // data fetched on demand, the PNG export
Table detection();      // the Detection lab

}  // namespace ll::app::strings
