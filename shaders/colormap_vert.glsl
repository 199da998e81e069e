// Colormap pass, vertex stage: one triangle that covers the whole target (no vertex buffers).
// The platform prepends "#version 300 es" + precision (WebGL2) or "#version 330 core" (desktop).
void main() {
    // Vertices (0,0), (2,0), (0,2) in [0,1]-space: the triangle's inside covers the unit square.
    vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
    gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
