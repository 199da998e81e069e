// Loss-surface pass, fragment stage (Optimizers lab): evaluates f(x, y) at every pixel's centre and
// colours it as a heat map with anti-aliased contour lines, so the picture stays smooth at any zoom.
// The vertex stage is colormap_vert.glsl (one full-target triangle). Row 0 of the target (small
// gl_FragCoord.y) is the top of the view (y_max), as ImGui::Image shows texture row 0 at the top.
//   u_kind 0 quadratic 0.5*(x^2 + c0*y^2), 1 rosenbrock, 2 beale, 3 saddle, 4 himmelblau,
//          5 c0*x^2 + c1*x*y + c2*y^2 + c3*x + c4*y + c5 (least squares in (w, b))
//   g = log10(max(f + penalty - u_fmin, 1e-12)) (u_log = 1) or f + penalty; colour t = (g - lo)/(hi - lo)
//   contour levels: u_contours lines evenly spaced in g over [lo, hi] (log-spaced in f)
// See app/host.h (SurfacePicture). The platform prepends the #version line.
uniform int u_kind;
uniform float u_coef[6];
uniform vec4 u_view;     // x_min, x_max, y_min, y_max
uniform vec2 u_size;     // target size in pixels
uniform float u_fmin;
uniform int u_log;
uniform float u_contours;
uniform float u_lo;
uniform float u_hi;
uniform vec3 u_penalty;  // l1, l2, y scale of the optimizer's coordinates

out vec4 frag_color;

float surface(float x, float y) {
    if (u_kind == 0) return 0.5 * (x * x + u_coef[0] * y * y);
    if (u_kind == 1) {
        float a = 1.0 - x, b = y - x * x;
        return a * a + 100.0 * b * b;
    }
    if (u_kind == 2) {
        float y2 = y * y, y3 = y2 * y;
        float t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y2, t3 = 2.625 - x + x * y3;
        return t1 * t1 + t2 * t2 + t3 * t3;
    }
    if (u_kind == 3) return x * x - y * y;
    if (u_kind == 4) {
        float a = x * x + y - 11.0, b = x + y * y - 7.0;
        return a * a + b * b;
    }
    return u_coef[0] * x * x + u_coef[1] * x * y + u_coef[2] * y * y + u_coef[3] * x + u_coef[4] * y + u_coef[5];
}

// Light cream (low) - teal - slate blue (high): quiet enough for coloured trails on top.
vec3 palette(float t) {
    const vec3 c0 = vec3(0.996, 0.992, 0.960);
    const vec3 c1 = vec3(0.850, 0.935, 0.910);
    const vec3 c2 = vec3(0.690, 0.820, 0.880);
    const vec3 c3 = vec3(0.545, 0.650, 0.800);
    t = clamp(t, 0.0, 1.0);
    if (t < 0.33) return mix(c0, c1, t / 0.33);
    if (t < 0.70) return mix(c1, c2, (t - 0.33) / 0.37);
    return mix(c2, c3, (t - 0.70) / 0.30);
}

void main() {
    vec2 uv = gl_FragCoord.xy / u_size;
    float x = mix(u_view.x, u_view.y, uv.x);
    float y = mix(u_view.w, u_view.z, uv.y);
    float f = surface(x, y);
    float py = u_penalty.z * y;
    f += u_penalty.x * (abs(x) + abs(py)) + 0.5 * u_penalty.y * (x * x + py * py);
    float g = u_log == 1 ? log(max(f - u_fmin, 1e-12)) / log(10.0) : f;
    if (isnan(g) || isinf(g)) {
        frag_color = vec4(1.0, 0.0, 1.0, 1.0);
        return;
    }
    float span = max(u_hi - u_lo, 1e-6);
    vec3 rgb = palette((g - u_lo) / span);
    // Contours: distance to the nearest level in pixels, from the screen-space derivative.
    float level = (g - u_lo) / span * u_contours;
    float w = fwidth(level);
    float d = abs(fract(level + 0.5) - 0.5) / max(w, 1e-6);
    float line = 1.0 - smoothstep(0.4, 1.4, d);
    line *= 1.0 - smoothstep(0.25, 0.5, w);  // levels closer than ~3 pixels fade out, never a solid blot
    rgb = mix(rgb, vec3(0.16, 0.22, 0.33), 0.30 * line);
    frag_color = vec4(rgb, 1.0);
}
