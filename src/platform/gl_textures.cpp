// Feature-map pictures: R32F upload, colormap pass into an FBO texture. See gl_textures.h.
#include "platform/gl_textures.h"

#include "shaders_embedded.h"  // kShader_colormap_vert, kShader_colormap_frag (cmake/app.cmake)

namespace ll::platform {

namespace {

void set_nearest(GLuint tex) {
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

GLuint compile(GLenum kind, const char* name, const char* body, std::string& error) {
    const char* sources[2] = {glsl_preamble(), body};
    const GLuint s = glCreateShader(kind);
    glShaderSource(s, 2, sources, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = {0};
        glGetShaderInfoLog(s, sizeof log, nullptr, log);
        error = std::string(name) + (kind == GL_VERTEX_SHADER ? " vertex shader: " : " fragment shader: ") + log;
        glDeleteShader(s);
        return 0;
    }
    return s;
}

}  // namespace

GLuint build_program(const char* name, const char* vert, const char* frag, std::string& error) {
    const GLuint vs = compile(GL_VERTEX_SHADER, name, vert, error);
    if (!vs) return 0;
    const GLuint fs = compile(GL_FRAGMENT_SHADER, name, frag, error);
    if (!fs) {
        glDeleteShader(vs);
        return 0;
    }
    GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = {0};
        glGetProgramInfoLog(program, sizeof log, nullptr, log);
        error = std::string(name) + " program: " + log;
        glDeleteProgram(program);
        return 0;
    }
    return program;
}

bool GlColormap::init(std::string& error) {
    program_ = build_program("colormap", kShader_colormap_vert, kShader_colormap_frag, error);
    if (!program_) return false;
    u_values_ = glGetUniformLocation(program_, "u_values");
    u_colormap_ = glGetUniformLocation(program_, "u_colormap");
    u_lo_ = glGetUniformLocation(program_, "u_lo");
    u_hi_ = glGetUniformLocation(program_, "u_hi");
    glGenVertexArrays(1, &vao_);  // core profile / WebGL2 draw calls need one bound, even empty
    return true;
}

void GlColormap::shutdown() {
    for (Picture& p : pictures_) {
        glDeleteFramebuffers(1, &p.fbo);
        glDeleteTextures(1, &p.values);
        glDeleteTextures(1, &p.colors);
    }
    pictures_.clear();
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (program_) glDeleteProgram(program_);
    vao_ = program_ = 0;
}

int GlColormap::create() {
    pictures_.push_back(Picture());
    return int(pictures_.size()) - 1;
}

void GlColormap::resize(Picture& p, int w, int h) {
    if (!p.values) {
        glGenTextures(1, &p.values);
        glGenTextures(1, &p.colors);
        glGenFramebuffers(1, &p.fbo);
    }
    set_nearest(p.values);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, w, h, 0, GL_RED, GL_FLOAT, nullptr);
    set_nearest(p.colors);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glBindFramebuffer(GL_FRAMEBUFFER, p.fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, p.colors, 0);
    p.w = w;
    p.h = h;
}

void GlColormap::update(int id, const float* data, int H, int W, app::Colormap cm, float lo, float hi) {
    if (id < 0 || id >= int(pictures_.size()) || H <= 0 || W <= 0 || !program_) return;
    Picture& p = pictures_[size_t(id)];
    GlStateSave saved;
    saved.save();
    if (p.w != W || p.h != H) resize(p, W, H);
    glBindTexture(GL_TEXTURE_2D, p.values);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, W, H, GL_RED, GL_FLOAT, data);
    p.cm = cm;
    p.lo = lo;
    p.hi = hi;
    render(p, cm, lo, hi);
    saved.restore();
}

void GlColormap::set_colorblind(bool on) {
    if (on == colorblind_) return;
    colorblind_ = on;
    if (!program_) return;
    GlStateSave saved;
    saved.save();
    for (const Picture& p : pictures_)
        if (p.w > 0 && p.cm == app::Colormap::Diverging) render(p, p.cm, p.lo, p.hi);
    saved.restore();
}

void GlColormap::update(int id, const Tensor& t, int channel, app::Colormap cm, float lo, float hi) {
    if (t.ndim() < 2 || channel < 0) return;
    const int H = t.dim(-2), W = t.dim(-1);
    const size_t plane = size_t(H) * size_t(W);
    if ((size_t(channel) + 1) * plane > t.numel()) return;
    update(id, t.data() + size_t(channel) * plane, H, W, cm, lo, hi);
}

void GlColormap::render(const Picture& p, app::Colormap cm, float lo, float hi) {
    glBindFramebuffer(GL_FRAMEBUFFER, p.fbo);
    glViewport(0, 0, p.w, p.h);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glUseProgram(program_);
    glBindVertexArray(vao_);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, p.values);
    glUniform1i(u_values_, 0);
    glUniform1i(u_colormap_, cm == app::Colormap::Diverging ? (colorblind_ ? 3 : 0) : cm == app::Colormap::Sequential ? 1 : 2);
    glUniform1f(u_lo_, lo);
    glUniform1f(u_hi_, hi);
    glDrawArrays(GL_TRIANGLES, 0, 3);
}

GLuint GlColormap::texture(int id) const {
    return (id >= 0 && id < int(pictures_.size())) ? pictures_[size_t(id)].colors : 0;
}

void GlColormap::size(int id, int& w, int& h) const {
    w = h = 0;
    if (id < 0 || id >= int(pictures_.size())) return;
    w = pictures_[size_t(id)].w;
    h = pictures_[size_t(id)].h;
}

void GlStateSave::save() {
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &fbo);
    glGetIntegerv(GL_CURRENT_PROGRAM, &program);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vao);
    glGetIntegerv(GL_ACTIVE_TEXTURE, &active);
    glActiveTexture(GL_TEXTURE0);
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &texture);
    glGetIntegerv(GL_VIEWPORT, viewport);
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &unpack_alignment);
    blend = glIsEnabled(GL_BLEND);
    scissor = glIsEnabled(GL_SCISSOR_TEST);
    depth = glIsEnabled(GL_DEPTH_TEST);
    cull = glIsEnabled(GL_CULL_FACE);
}

void GlStateSave::restore() const {
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(fbo));
    glUseProgram(GLuint(program));
    glBindVertexArray(GLuint(vao));
    glBindTexture(GL_TEXTURE_2D, GLuint(texture));
    glActiveTexture(GLenum(active));
    glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
    glPixelStorei(GL_UNPACK_ALIGNMENT, unpack_alignment);
    if (blend) glEnable(GL_BLEND);
    if (scissor) glEnable(GL_SCISSOR_TEST);
    if (depth) glEnable(GL_DEPTH_TEST);
    if (cull) glEnable(GL_CULL_FACE);
}

}  // namespace ll::platform
