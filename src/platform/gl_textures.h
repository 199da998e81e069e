// Feature-map pictures on the GPU. A channel of an ll::Tensor (H x W floats) is uploaded into an
// R32F texture and drawn through the colormap shaders (shaders/colormap_*.glsl) into an RGBA8
// texture attached to a framebuffer: the texture ImGui::Image shows. Both textures use nearest
// filtering, so enlarged pixels stay crisp. The pass runs while the frame is being built; it saves
// and restores the GL state it touches, so ImGui's renderer is unaffected.
#pragma once
#include <string>
#include <vector>

#include "app/host.h"
#include "platform/gl.h"

namespace ll::platform {

// Compiles (with the GLSL preamble of this GL flavour) and links a program; 0 with the compiler's or
// linker's log in error ("<name> fragment shader: ...") on failure.
GLuint build_program(const char* name, const char* vert, const char* frag, std::string& error);

// The GL state an offscreen pass changes (framebuffer, program, VAO, texture unit 0, viewport, unpack
// alignment, blend/scissor/depth/cull), saved before it and restored after, so ImGui's renderer finds
// its own state untouched.
struct GlStateSave {
    GLint fbo = 0, program = 0, vao = 0, texture = 0, active = 0, viewport[4] = {0, 0, 0, 0};
    GLboolean blend = GL_FALSE, scissor = GL_FALSE, depth = GL_FALSE, cull = GL_FALSE;
    GLint unpack_alignment = 4;
    void save();
    void restore() const;
};

class GlColormap {
public:
    // Compiles and links the shaders; false with a message (the compiler's log) on failure.
    bool init(std::string& error);
    void shutdown();

    int create();  // a new, empty picture
    // data: H x W floats, row 0 first.
    void update(int id, const float* data, int H, int W, app::Colormap cm, float lo, float hi);
    // Channel c of t: the last two dimensions are H, W, earlier ones are flattened into channels
    // (so (N, C, H, W) gives sample 0's channels first). Out-of-range channels are ignored.
    void update(int id, const Tensor& t, int channel, app::Colormap cm, float lo, float hi);
    GLuint texture(int id) const;  // RGBA8, W x H; 0 before the first update
    // Diverging pictures in purple-orange (true) or blue-red; every picture drawn so far is redrawn.
    void set_colorblind(bool on);
    void size(int id, int& w, int& h) const;

private:
    struct Picture {
        GLuint values = 0;  // R32F, the floats
        GLuint colors = 0;  // RGBA8, the render target ImGui draws
        GLuint fbo = 0;
        int w = 0, h = 0;
        app::Colormap cm = app::Colormap::Sequential;  // as last drawn, for a palette switch
        float lo = 0.0f, hi = 1.0f;
    };
    void resize(Picture& p, int w, int h);
    void render(const Picture& p, app::Colormap cm, float lo, float hi);

    std::vector<Picture> pictures_;
    bool colorblind_ = false;
    GLuint program_ = 0, vao_ = 0;
    GLint u_values_ = -1, u_colormap_ = -1, u_lo_ = -1, u_hi_ = -1;
};

}  // namespace ll::platform
