// Loss-surface pictures: one fragment-shader pass into an FBO texture. See surface_gl.h.
#include "platform/surface_gl.h"

#include <cstdio>

#include "platform/gl_textures.h"
#include "platform/platform.h"
#include "shaders_embedded.h"  // kShader_colormap_vert, kShader_surface_frag (cmake/app.cmake)

namespace ll::platform {

bool GlSurface::init() {
    if (tried_) return program_ != 0;
    tried_ = true;
    program_ = build_program("surface", kShader_colormap_vert, kShader_surface_frag, error_);
    if (!program_) return false;
    u_kind_ = glGetUniformLocation(program_, "u_kind");
    u_coef_ = glGetUniformLocation(program_, "u_coef");
    u_view_ = glGetUniformLocation(program_, "u_view");
    u_size_ = glGetUniformLocation(program_, "u_size");
    u_fmin_ = glGetUniformLocation(program_, "u_fmin");
    u_log_ = glGetUniformLocation(program_, "u_log");
    u_contours_ = glGetUniformLocation(program_, "u_contours");
    u_lo_ = glGetUniformLocation(program_, "u_lo");
    u_hi_ = glGetUniformLocation(program_, "u_hi");
    u_penalty_ = glGetUniformLocation(program_, "u_penalty");
    glGenVertexArrays(1, &vao_);
    return true;
}

int GlSurface::create() {
    targets_.push_back(Target());
    return int(targets_.size()) - 1;
}

void GlSurface::render(int id, int w, int h, const app::SurfacePicture& p) {
    if (id < 0 || id >= int(targets_.size()) || w <= 0 || h <= 0) return;
    GlStateSave saved;
    saved.save();
    if (!init()) {
        saved.restore();
        if (!error_.empty()) std::fprintf(stderr, "%s\n", error_.c_str());
        error_.clear();  // printed once
        return;
    }
    Target& t = targets_[size_t(id)];
    if (!t.tex) {
        glGenTextures(1, &t.tex);
        glGenFramebuffers(1, &t.fbo);
    }
    if (t.w != w || t.h != h) {
        glBindTexture(GL_TEXTURE_2D, t.tex);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glBindFramebuffer(GL_FRAMEBUFFER, t.fbo);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, t.tex, 0);
        t.w = w;
        t.h = h;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, t.fbo);
    glViewport(0, 0, w, h);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glUseProgram(program_);
    glBindVertexArray(vao_);
    glUniform1i(u_kind_, p.kind);
    glUniform1fv(u_coef_, 6, p.coef);
    glUniform4f(u_view_, float(p.x_min), float(p.x_max), float(p.y_min), float(p.y_max));
    glUniform2f(u_size_, float(w), float(h));
    glUniform1f(u_fmin_, p.f_min);
    glUniform1i(u_log_, p.log_scale ? 1 : 0);
    glUniform1f(u_contours_, float(p.contours));
    glUniform1f(u_lo_, p.lo);
    glUniform1f(u_hi_, p.hi);
    glUniform3f(u_penalty_, p.l1, p.l2, p.pen_y);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    saved.restore();
}

GLuint GlSurface::texture(int id) const {
    return (id >= 0 && id < int(targets_.size())) ? targets_[size_t(id)].tex : 0;
}

// ---- app::Host ----

int PlatformHost::surface_create() { return surface_.create(); }

void PlatformHost::surface_render(int id, int w, int h, const app::SurfacePicture& p) { surface_.render(id, w, h, p); }

ImTextureID PlatformHost::surface_texture(int id) {
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(surface_.texture(id)));
}

}  // namespace ll::platform
