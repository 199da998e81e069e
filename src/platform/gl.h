// The OpenGL API for the platform layer: OpenGL ES 3.0 (WebGL2) in the browser, OpenGL 3.3 core on
// the desktop (prototypes from glcorearb.h, resolved by libGL). Dear ImGui's backend loads its own.
#pragma once
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/glcorearb.h>
#endif

namespace ll::platform {

// "#version 300 es" + precision (WebGL2) or "#version 330 core" (desktop): put before shaders/*.glsl.
inline const char* glsl_preamble() {
#ifdef __EMSCRIPTEN__
    return "#version 300 es\nprecision highp float;\nprecision highp int;\nprecision highp sampler2D;\n";
#else
    return "#version 330 core\n";
#endif
}

}  // namespace ll::platform
