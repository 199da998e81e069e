// Host::png_start / png_take (app/host.h): PNG files for "Export PNG" without blocking a frame.
//   Browser: the pixels go to a canvas whose toBlob() encodes them asynchronously (off the page's main
//   thread in Chromium); the file is written to /export/<job>.png and Module.llPngJobs[job] says when.
//   Desktop: stb_image_write at once (a few milliseconds natively), kept until taken.
#include "platform/platform.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include "engine/model.h"  // read_file

EM_JS(void, ll_js_png_start, (int job, const unsigned char* px, int w, int h), {
    var jobs = Module.llPngJobs || (Module.llPngJobs = {});
    jobs[job] = { state: 1, error: "" };
    function wake() { Module.llFetchSerial = (Module.llFetchSerial || 0) + 1; }
    try {
        var c = document.createElement("canvas");
        c.width = w;
        c.height = h;
        var g = c.getContext("2d");
        g.putImageData(new ImageData(new Uint8ClampedArray(HEAPU8.slice(px, px + w * h * 4).buffer), w, h), 0, 0);
        c.toBlob(function (blob) {
            if (!blob) { jobs[job] = { state: 3, error: "the browser could not encode the PNG" }; wake(); return; }
            blob.arrayBuffer().then(function (buf) {
                try { FS.mkdir("/export"); } catch (e) { }
                FS.writeFile("/export/" + job + ".png", new Uint8Array(buf));
                jobs[job] = { state: 2, error: "" };
                wake();
            });
        }, "image/png");
    } catch (e) {
        jobs[job] = { state: 3, error: String(e && e.message ? e.message : e) };
        wake();
    }
});
EM_JS(int, ll_js_png_state, (int job), {
    var j = (Module.llPngJobs || {})[job];
    return j ? j.state : 0;
});
#else
#include <cstdlib>

#include "stb_image_write.h"
// Defined with the rest of stb_image_write in platform_glfw.cpp; its header does not declare it.
extern "C" unsigned char* stbi_write_png_to_mem(const unsigned char* pixels, int stride_bytes, int x, int y, int n,
                                                int* out_len);
#endif

namespace ll::platform {

#ifdef __EMSCRIPTEN__
int PlatformHost::png_start(const std::vector<uint8_t>& rgba, int w, int h) {
    if (w <= 0 || h <= 0 || rgba.size() != size_t(w) * size_t(h) * 4) return -1;
    const int job = ++png_jobs_;
    ll_js_png_start(job, rgba.data(), w, h);
    return job;
}

bool PlatformHost::png_take(int job, std::string& bytes, std::string& error) {
    const int state = ll_js_png_state(job);
    if (state == 1) return false;
    const std::string path = "/export/" + std::to_string(job) + ".png";
    if (state != 2 || !read_file(path, bytes)) {
        error = "the browser could not encode the PNG";
        bytes.clear();
    }
    std::remove(path.c_str());
    return true;
}
#else
int PlatformHost::png_start(const std::vector<uint8_t>& rgba, int w, int h) {
    if (w <= 0 || h <= 0 || rgba.size() != size_t(w) * size_t(h) * 4) return -1;
    const int job = ++png_jobs_;
    int n = 0;
    unsigned char* out = stbi_write_png_to_mem(rgba.data(), w * 4, w, h, 4, &n);
    png_done_[job] = out && n > 0 ? std::string(reinterpret_cast<const char*>(out), size_t(n)) : std::string();
    std::free(out);  // stb_image_write allocates with malloc
    return job;
}

bool PlatformHost::png_take(int job, std::string& bytes, std::string& error) {
    const auto it = png_done_.find(job);
    if (it == png_done_.end()) return true;
    bytes = std::move(it->second);
    if (bytes.empty()) error = "stb_image_write could not encode the PNG";
    png_done_.erase(it);
    return true;
}
#endif

}  // namespace ll::platform
