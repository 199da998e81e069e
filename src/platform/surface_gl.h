// Loss-surface pictures on the GPU (Optimizers lab): shaders/surface_frag.glsl evaluates the
// surface per pixel into an RGBA8 texture attached to a framebuffer, the texture ImGui::Image shows.
// The program is compiled on first use. Like gl_textures.cpp, the pass runs while the frame is being
// built and restores the GL state it touches, so ImGui's renderer is unaffected.
#pragma once
#include <string>
#include <vector>

#include "app/host.h"
#include "platform/gl.h"

namespace ll::platform {

class GlSurface {
public:
    int create();
    // Draws p into picture id at w x h pixels (resizing it when needed). Does nothing if the shader
    // failed to compile (the message is in error()).
    void render(int id, int w, int h, const app::SurfacePicture& p);
    GLuint texture(int id) const;
    const std::string& error() const { return error_; }

private:
    struct Target {
        GLuint tex = 0, fbo = 0;
        int w = 0, h = 0;
    };
    bool init();

    std::vector<Target> targets_;
    GLuint program_ = 0, vao_ = 0;
    bool tried_ = false;
    std::string error_;
    GLint u_kind_ = -1, u_coef_ = -1, u_view_ = -1, u_size_ = -1, u_fmin_ = -1, u_log_ = -1, u_contours_ = -1,
          u_lo_ = -1, u_hi_ = -1, u_penalty_ = -1;
};

}  // namespace ll::platform
