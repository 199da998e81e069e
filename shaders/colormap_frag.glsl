// Colormap pass, fragment stage: one float per texel (an R32F texture holding a feature map, row 0
// first) becomes an RGBA colour in the render target, texel for texel (texelFetch: no filtering).
//   u_colormap 0, diverging:  t = v / max(|lo|, |hi|) in [-1, 1]; blue (-1) - near-white (0) - red (+1)
//   u_colormap 1, sequential: t = (v - lo) / (hi - lo) in [0, 1]; viridis-like, dark purple to yellow
//   u_colormap 2, grey:       t as sequential, black to white (photographs)
//   u_colormap 3, diverging for colour-blind eyes: as 0, purple (-1) - near-white (0) - orange (+1),
//                 ColorBrewer's PuOr ends, told apart by protan, deutan and tritan vision alike
// Non-finite values show as magenta so a NaN never hides. The platform prepends the #version line.
uniform sampler2D u_values;
uniform int u_colormap;
uniform float u_lo;
uniform float u_hi;

out vec4 frag_color;

// Viridis as a degree-6 polynomial per channel, least-squares fitted to matplotlib's 256-entry
// table (max error 0.017): c0 + t*(c1 + t*(c2 + ...)).
vec3 sequential(float t) {
    const vec3 c0 = vec3(0.274455, 0.005768, 0.332664);
    const vec3 c1 = vec3(0.107708, 1.396470, 1.386771);
    const vec3 c2 = vec3(-0.327241, 0.214814, 0.091977);
    const vec3 c3 = vec3(-4.599932, -5.758238, -19.291809);
    const vec3 c4 = vec3(6.203736, 14.153965, 56.656300);
    const vec3 c5 = vec3(4.751787, -13.749439, -65.320968);
    const vec3 c6 = vec3(-5.432077, 4.641571, 26.272108);
    t = clamp(t, 0.0, 1.0);
    return clamp(c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * (c5 + t * c6))))), 0.0, 1.0);
}

// t in [-1, 1] from `neg` through near-white to `pos`; the mix is eased (a power of 0.8) so small values
// near zero stay visibly tinted. Map 0 uses Moreland's cool/warm end points, map 3 PuOr's.
vec3 diverging_between(vec3 neg, vec3 pos, float t) {
    const vec3 white = vec3(0.968, 0.968, 0.968);
    t = clamp(t, -1.0, 1.0);
    float a = pow(abs(t), 0.8);
    return mix(white, t < 0.0 ? neg : pos, a);
}

void main() {
    float v = texelFetch(u_values, ivec2(gl_FragCoord.xy), 0).r;
    if (isnan(v) || isinf(v)) {
        frag_color = vec4(1.0, 0.0, 1.0, 1.0);
        return;
    }
    vec3 rgb;
    if (u_colormap == 0 || u_colormap == 3) {
        float m = max(max(abs(u_lo), abs(u_hi)), 1e-12);
        const vec3 blue = vec3(0.230, 0.299, 0.754), red = vec3(0.706, 0.016, 0.150);
        const vec3 purple = vec3(0.369, 0.235, 0.600), orange = vec3(0.902, 0.380, 0.004);
        rgb = u_colormap == 0 ? diverging_between(blue, red, v / m) : diverging_between(purple, orange, v / m);
    } else {
        float span = u_hi - u_lo;
        float t = span > 0.0 ? (v - u_lo) / span : 0.5;
        rgb = u_colormap == 2 ? vec3(clamp(t, 0.0, 1.0)) : sequential(t);
    }
    frag_color = vec4(rgb, 1.0);
}
