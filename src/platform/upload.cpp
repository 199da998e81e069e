// Uploads: the user's own pictures into the input library (app/inputs.h).
//   Browser: web/index.html's hidden <input type=file id="upload-input"> (opened by the picker's
//   button through Host::open_file_picker) and its drop handler on the whole page write the file into
//   Emscripten's file system (/upload/<name>) and call the exported layerlab_upload(path).
//   Desktop: GLFW's drop callback gives the paths of files dropped on the window.
// Either way the bytes are decoded by the engine; a file that is not a picture leaves the previous
// input and a message in the picker.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "app/app.h"
#include "app/inputs.h"
#include "platform/platform.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

EM_JS(void, ll_js_open_file_picker, (), {
    var input = document.getElementById("upload-input");
    if (input) { input.value = ""; input.click(); }
});
#endif

namespace ll::platform {

namespace {
app::AppState* g_upload_app = nullptr;  // for waking the frame loop after an upload
}  // namespace

bool PlatformHost::can_open_file_picker() const {
#ifdef __EMSCRIPTEN__
    return true;
#else
    return false;
#endif
}

void PlatformHost::open_file_picker() {
#ifdef __EMSCRIPTEN__
    ll_js_open_file_picker();
#endif
}

void install_uploads(GLFWwindow* window, app::AppState& app) {
    g_upload_app = &app;
#ifndef __EMSCRIPTEN__
    // (In the browser the page's own drop handler covers the whole page, canvas included.)
    glfwSetDropCallback(window, [](GLFWwindow*, int count, const char** paths) {
        // A refused file needs no handling here: the library keeps its message for the picker to show.
        if (!g_upload_app) return;
        if (count > 0 && paths[count - 1] && !app::app_open_file(*g_upload_app, paths[count - 1]))
            (void)g_upload_app->inputs.add_upload_file(paths[count - 1]);
        app::app_wake(*g_upload_app);
    });
#else
    (void)window;
#endif
}

}  // namespace ll::platform

#ifdef __EMSCRIPTEN__
// Called by web/index.html after writing an uploaded or dropped file to `path`. Returns 1 when the
// file became the input, 0 when it is not a picture LayerLab reads (the picker shows why).
extern "C" EMSCRIPTEN_KEEPALIVE int layerlab_upload(const char* path) {
    ll::app::AppState* app = ll::platform::g_upload_app;
    if (!app) return 0;
    const std::string p = path ? path : "";
    if (ll::app::app_open_file(*app, p)) {
        ll::app::app_wake(*app);
        return 1;
    }
    const bool ok = app->inputs.add_upload_file(p).is_ok();
    ll::app::app_wake(*app);
    return ok ? 1 : 0;
}
#endif
