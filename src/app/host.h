// Host: what the platform layer provides to the app. The app never includes GLFW, GL or Emscripten
// (dependency rule platform -> app -> engine); src/platform implements this interface once for the
// browser and the desktop, and hands it to app_init().
#pragma once
#include <string>

#include "imgui.h"
#include "engine/tensor.h"

namespace ll::app {

// How a float map becomes colours (shaders/colormap_frag.glsl).
enum class Colormap {
    Diverging,   // signed values: blue (lo) - white (0) - red (hi), symmetric around zero
    Sequential,  // values from lo to hi: dark purple - green - yellow (viridis-like)
};

class Host {
public:
    virtual ~Host() = default;

    // Page state that survives a reload: the URL hash (without '#') and a small key-value store
    // (localStorage in the browser, a file in the user's config folder on the desktop).
    virtual std::string url_hash() = 0;
    virtual void set_url_hash(const std::string& hash) = 0;  // replaces the history entry
    virtual bool url_hash_changed_by_user() = 0;             // edited URL, back/forward
    virtual std::string storage_get(const std::string& key) = 0;
    virtual void storage_set(const std::string& key, const std::string& value) = 0;

    // Feature-map pictures. An image is a texture the app draws with ImGui::Image; update() uploads
    // channel c of t (the last two dimensions are H, W; earlier ones index channels, sample 0) and
    // recolours it. Pixels stay crisp when enlarged (nearest filtering).
    virtual int image_create() = 0;
    virtual void image_update(int image, const Tensor& t, int channel, Colormap cm, float lo, float hi) = 0;
    virtual ImTextureID image_texture(int image) = 0;
    virtual void image_size(int image, int& w, int& h) = 0;

    // The user's language ("ko", "en", ...) from the browser or the environment; "" when unknown.
    virtual std::string preferred_language() = 0;

    // Where the app runs, for the About box ("WebGL 2.0 (OpenGL ES 3.0 ...)").
    virtual std::string graphics_info() = 0;
};

}  // namespace ll::app
