// main(): the window, Dear ImGui, the fonts and the frame loop, for the desktop and the browser.
//   Desktop: GLFW window with an OpenGL 3.3 core context; a while-loop with vsync.
//     layerlab-desktop [--size 1280x800] [--state "lab=arithmetic&k=3"] [--frames N] [--screenshot out.png]
//   Browser: GLFW on the page's <canvas id="canvas"> with WebGL2; emscripten_set_main_loop_arg runs a
//     frame per requestAnimationFrame. The canvas's backing store follows its CSS size × devicePixelRatio
//     (Emscripten's GLFW does not), and window.layerlab calls ll_call() between frames.
// Mouse wheel: ImGui scrolls a window by 5 font heights per notch. The desktop's GLFW reports notches
// already; the browser reports pixels, lines or pages (and Emscripten's GLFW passes those raw, with
// the page's sign), so the page's own wheel listener converts them here (wheel_notches), one CSS pixel
// of wheel moving a panel by one pixel, in the direction the operating system gives.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "app/app.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "platform/platform.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/html5.h>
#else
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include "stb_image_write.h"
#endif

namespace ll::platform {

namespace {

struct Options {
    int width = 1280, height = 800;
    long frames = 0;          // desktop: quit after this many frames (0: run until closed)
    std::string screenshot;   // desktop: PNG of the last frame
    std::string state;        // desktop: the view state a URL hash would hold
};

struct Platform {
    Options opt;
    GLFWwindow* window = nullptr;
    GlColormap colormap;
    PlatformHost host{colormap};
    app::AppState app;
    Scales scales;
    float font_zoom = 0.0f;
    bool high_contrast = false;
    bool fonts_built = false;
    ImVector<ImWchar> ranges;
    std::string asset_dir;
    double css_w = 0.0, css_h = 0.0;  // browser: canvas size in CSS pixels
    long frames = 0;
    std::string reply;                // ll_call's reply, valid until the next call
};

// The frame callback and the exported API reach the platform through this (the browser's main loop
// outlives main()'s stack frame).
Platform* g_platform = nullptr;

void report_fatal(const char* msg) {
    std::fprintf(stderr, "layerlab: %s\n", msg);
#ifdef __EMSCRIPTEN__
    EM_ASM({ if (Module.llFatal) Module.llFatal(UTF8ToString($0)); }, msg);
#endif
}

Scales measure_scales(Platform& p) {
    Scales s;
#ifdef __EMSCRIPTEN__
    emscripten_get_element_css_size("#canvas", &p.css_w, &p.css_h);
    const double dpr = emscripten_get_device_pixel_ratio();
    const int bw = int(std::lround(p.css_w * dpr)), bh = int(std::lround(p.css_h * dpr));
    int cw = 0, ch = 0;
    emscripten_get_canvas_element_size("#canvas", &cw, &ch);
    if (bw > 0 && bh > 0 && (cw != bw || ch != bh)) {
        emscripten_set_canvas_element_size("#canvas", bw, bh);
        app::app_wake(p.app);
    }
    s.fb = float(dpr > 0.0 ? dpr : 1.0);
    // A very large page at device pixel ratio 1 (a 4K screen or projector without scaling) would show
    // the UI at laptop size in one corner: from 1.5 times 1920x1080 on, the UI grows with it (to 2x).
    const double big = std::fmin(p.css_w / 1920.0, p.css_h / 1080.0);
    s.ui = big >= 1.5 ? float(std::fmin(big, 2.0)) : 1.0f;
#else
    int w = 0, h = 0, fw = 0, fh = 0;
    float xs = 1.0f, ys = 1.0f;
    glfwGetWindowSize(p.window, &w, &h);
    glfwGetFramebufferSize(p.window, &fw, &fh);
    glfwGetWindowContentScale(p.window, &xs, &ys);
    s.fb = w > 0 && fw > 0 ? float(fw) / float(w) : 1.0f;
    s.ui = std::fmin(std::fmax(xs / s.fb, 1.0f), 3.0f);
#endif
    return s;
}

// Fonts and style follow the pixel scales and the text size; rebuilt between frames when they change
// (a window moved to another screen, browser zoom, the View menu).
void update_fonts(Platform& p) {
    const Scales s = measure_scales(p);
    if (p.fonts_built && !(s != p.scales) && p.font_zoom == p.app.ui_zoom && p.high_contrast == p.app.projector) return;
    p.scales = s;
    p.font_zoom = p.app.ui_zoom;
    p.high_contrast = p.app.projector;
    std::string error;
    if (!load_fonts(p.app, s, p.asset_dir, p.ranges, error)) report_fatal(error.c_str());
    app::app_style(ImGui::GetStyle(), s.ui * p.app.ui_zoom, p.app.projector);
    if (p.fonts_built) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    p.fonts_built = true;
}

#ifndef __EMSCRIPTEN__
void write_screenshot(const std::string& path, int w, int h) {
    std::string px(size_t(w) * size_t(h) * 4, '\0');
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, &px[0]);
    stbi_flip_vertically_on_write(1);
    if (!stbi_write_png(path.c_str(), w, h, 4, px.data(), w * 4)) std::fprintf(stderr, "layerlab: cannot write %s\n", path.c_str());
    else std::printf("layerlab: wrote %s (%dx%d)\n", path.c_str(), w, h);
}
#endif

#ifdef __EMSCRIPTEN__
// A browser wheel event in ImGui notches (positive: content moves down, as a wheel turned away from the
// user gives on the desktop). mode is WheelEvent.deltaMode: 0 pixels, 1 lines, 2 pages. A notch is
// ImGui's scroll step, 5 font heights (imgui.cpp, UpdateMouseWheel); a line is a third of a notch,
// the three lines browsers send per notch; a page is the window's height.
float wheel_notches(double delta, int mode, float font_px, float page_px) {
    const double step = 5.0 * double(font_px > 0.0f ? font_px : 13.0f);
    double px = delta;
    if (mode == 1) px = delta * step / 3.0;
    else if (mode == 2) px = delta * double(page_px);
    return float(-px / step);
}
#endif

// "Export PNG" (app/png_export.h): the panel's pixels of the frame just drawn, read before the swap
// (WebGL keeps the back buffer only until then), rows turned top to bottom.
void capture_for_export(Platform& p, int fb_h) {
    const float scale = ImGui::GetIO().DisplayFramebufferScale.x;
    int x = 0, y = 0, w = 0, h = 0;
    if (!app::png_export_wanted(p.app, scale, x, y, w, h)) return;
    std::vector<uint8_t> px(size_t(w) * size_t(h) * 4), rows(px.size());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(x, fb_h - y - h, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    const size_t stride = size_t(w) * 4;
    for (int r = 0; r < h; ++r) std::copy_n(&px[size_t(h - 1 - r) * stride], stride, &rows[size_t(r) * stride]);
    for (size_t i = 3; i < rows.size(); i += 4) rows[i] = 255;  // the page is opaque
    app::png_export_capture(p.app, std::move(rows), w, h, scale);
}

void smooth(float& avg, float v) { avg = avg <= 0.0f ? v : avg * 0.9f + v * 0.1f; }

void frame(void*) {
    Platform& p = *g_platform;
    glfwPollEvents();
    update_fonts(p);
    if (p.host.url_hash_change_pending() || p.host.fetch_progressed()) app::app_wake(p.app);
    // Nothing moved, nothing animates: keep the last picture and spare the CPU and GPU.
    if (!app::app_wants_frames(p.app) && p.opt.frames == 0) return;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
#ifdef __EMSCRIPTEN__
    // Emscripten's GLFW keeps the size the window was created with and gives mouse positions in
    // canvas (device) pixels: ImGui gets CSS pixels and the device pixel ratio instead.
    if (p.css_w > 0.0 && p.css_h > 0.0) {
        int cw = 0, ch = 0;
        emscripten_get_canvas_element_size("#canvas", &cw, &ch);
        io.DisplaySize = ImVec2(float(p.css_w), float(p.css_h));
        io.DisplayFramebufferScale = ImVec2(float(cw) / float(p.css_w), float(ch) / float(p.css_h));
        if (io.MousePos.x > -FLT_MAX && io.MousePos.y > -FLT_MAX)
            io.MousePos = ImVec2(io.MousePos.x / io.DisplayFramebufferScale.x, io.MousePos.y / io.DisplayFramebufferScale.y);
    }
#endif
    const double t_new = glfwGetTime();
    ImGui::NewFrame();
    app::app_frame(p.app);
    ImGui::Render();
    const double t_built = glfwGetTime();

    const int fw = int(io.DisplaySize.x * io.DisplayFramebufferScale.x);
    const int fh = int(io.DisplaySize.y * io.DisplayFramebufferScale.y);
    glViewport(0, 0, fw, fh);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];  // the theme's page colour
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    capture_for_export(p, fh);
    const double t_end = glfwGetTime();
    smooth(p.app.frame_cpu_ms, float((t_built - t_new) * 1000.0));
    smooth(p.app.frame_gl_ms, float((t_end - t_built) * 1000.0));
    ++p.frames;
#ifndef __EMSCRIPTEN__
    if (p.opt.frames > 0 && p.frames >= p.opt.frames) {
        if (!p.opt.screenshot.empty()) write_screenshot(p.opt.screenshot, fw, fh);
        glfwSetWindowShouldClose(p.window, GLFW_TRUE);
    }
#endif
    glfwSwapBuffers(p.window);
}

// Any input wakes the frame loop. Installed before ImGui's GLFW backend, which chains to them.
void install_wake_callbacks(GLFWwindow* w) {
    glfwSetCursorPosCallback(w, [](GLFWwindow*, double, double) { if (g_platform) app::app_wake(g_platform->app); });
    glfwSetMouseButtonCallback(w, [](GLFWwindow*, int, int, int) { if (g_platform) app::app_wake(g_platform->app); });
    glfwSetScrollCallback(w, [](GLFWwindow*, double, double) { if (g_platform) app::app_wake(g_platform->app); });
    glfwSetKeyCallback(w, [](GLFWwindow*, int, int, int, int) { if (g_platform) app::app_wake(g_platform->app); });
    glfwSetCharCallback(w, [](GLFWwindow*, unsigned int) { if (g_platform) app::app_wake(g_platform->app); });
    glfwSetCursorEnterCallback(w, [](GLFWwindow*, int) { if (g_platform) app::app_wake(g_platform->app); });
    glfwSetWindowFocusCallback(w, [](GLFWwindow*, int) { if (g_platform) app::app_wake(g_platform->app); });
    glfwSetFramebufferSizeCallback(w, [](GLFWwindow*, int, int) { if (g_platform) app::app_wake(g_platform->app); });
    glfwSetWindowRefreshCallback(w, [](GLFWwindow*) { if (g_platform) app::app_wake(g_platform->app); });
}

bool parse_options(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--size" && has_value) {
            if (std::sscanf(argv[++i], "%dx%d", &o.width, &o.height) != 2) return false;
        } else if (a == "--frames" && has_value) {
            o.frames = std::atol(argv[++i]);
        } else if (a == "--screenshot" && has_value) {
            o.screenshot = argv[++i];
            if (o.frames == 0) o.frames = 10;
        } else if (a == "--state" && has_value) {
            o.state = argv[++i];
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace

int run(int argc, char** argv) {
    g_platform = new Platform();
    Platform& p = *g_platform;
    if (!parse_options(argc, argv, p.opt)) {
        std::fprintf(stderr, "usage: layerlab-desktop [--size WxH] [--state HASH] [--frames N] [--screenshot out.png]\n");
        return 2;
    }
#ifdef __EMSCRIPTEN__
    p.asset_dir = "/assets";
#else
    p.asset_dir = LAYERLAB_ASSET_DIR;
    if (const char* dir = std::getenv("LAYERLAB_ASSETS")) p.asset_dir = dir;
#endif

    glfwSetErrorCallback([](int code, const char* msg) { std::fprintf(stderr, "glfw error %d: %s\n", code, msg); });
    if (!glfwInit()) {
        report_fatal("GLFW could not start");
        return 1;
    }
#ifdef __EMSCRIPTEN__
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    // ImGui and the surfaces draw without depth or stencil, and the page is opaque: a canvas without
    // them is cheaper to clear and to composite (in SwiftShader, where the CPU does it, noticeably).
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    const char* glsl_version = "#version 300 es";
#else
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    const char* glsl_version = "#version 330 core";
#endif
    p.window = glfwCreateWindow(p.opt.width, p.opt.height, "LayerLab", nullptr, nullptr);
    if (!p.window) {
        report_fatal("could not create a WebGL2 / OpenGL 3.3 context");
        return 1;
    }
    glfwMakeContextCurrent(p.window);
    glfwSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; the app keeps its own state
    install_wake_callbacks(p.window);
    install_uploads(p.window, p.app);  // dropped / uploaded pictures (upload.cpp)
    ImGui_ImplGlfw_InitForOpenGL(p.window, true);
    ImGui_ImplOpenGL3_Init(glsl_version);
    std::string error;
    if (!p.colormap.init(error)) report_fatal(error.c_str());

    p.host.load_native_state(p.opt.state);
    app::app_init(p.app, p.host);
    update_fonts(p);

#ifdef __EMSCRIPTEN__
    emscripten_set_main_loop_arg(frame, nullptr, 0, true);  // does not return
#else
    while (!glfwWindowShouldClose(p.window)) {
        // Idle: sleep until an event (or at most 0.25 s) instead of spinning.
        if (!app::app_wants_frames(p.app)) glfwWaitEventsTimeout(0.25);
        frame(nullptr);
    }
    app::app_shutdown(p.app);
    p.colormap.shutdown();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(p.window);
    glfwTerminate();
#endif
    return 0;
}

}  // namespace ll::platform

int main(int argc, char** argv) { return ll::platform::run(argc, argv); }

#ifdef __EMSCRIPTEN__
// window.layerlab (web/index.html) calls this through Module.ccall: method name and JSON arguments in,
// a JSON reply out (valid until the next call).
// web/index.html's wheel listener on the canvas (it keeps the event from Emscripten's GLFW).
extern "C" EMSCRIPTEN_KEEPALIVE void ll_wheel(double dx, double dy, int mode) {
    using ll::platform::g_platform;
    if (!g_platform || !ImGui::GetCurrentContext()) return;
    ImGuiIO& io = ImGui::GetIO();
    const float font = ImGui::GetFontSize() > 0.0f ? ImGui::GetFontSize() : io.FontGlobalScale * 13.0f;
    io.MouseWheelH += ll::platform::wheel_notches(dx, mode, font, io.DisplaySize.x);
    io.MouseWheel += ll::platform::wheel_notches(dy, mode, font, io.DisplaySize.y);
    ll::app::app_wake(g_platform->app);
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* ll_call(const char* method, const char* args) {
    using ll::platform::g_platform;
    if (!g_platform || !g_platform->app.host) return "{\"ok\":false,\"error\":\"LayerLab is not running yet\"}";
    g_platform->reply = ll::app::app_call(g_platform->app, method ? method : "", args ? args : "");
    return g_platform->reply.c_str();
}
#endif
