#include "app/lesson_controls.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "imgui_internal.h"

namespace ll::app::controls {

namespace {

struct Frame {
    Marks marks;
    bool any = false;
    std::unordered_map<ImGuiID, std::string> ids;  // items of marked controls, noted by label()
    std::vector<std::string> scopes;               // open widgets:: scopes (their keys)
    std::vector<Seen> seen;
};

Frame g_now;
std::vector<Seen> g_last;

bool in(const std::vector<std::string>& v, const std::string& k) { return std::find(v.begin(), v.end(), k) != v.end(); }

bool marked(const std::string& key) {
    return in(g_now.marks.highlight, key) || in(g_now.marks.lock, key) || in(g_now.marks.hide, key);
}

void record(const std::string& key, const ImRect& bb, ImGuiWindow* window) {
    ImRect r = bb;
    if (window) r.ClipWithFull(window->ClipRect);
    if (r.GetWidth() <= 0.0f || r.GetHeight() <= 0.0f) return;
    for (Seen& s : g_now.seen) {
        if (s.key != key) continue;
        s.min = ImMin(s.min, r.Min);
        s.max = ImMax(s.max, r.Max);
        return;
    }
    Seen s;
    s.key = key;
    s.min = r.Min;
    s.max = r.Max;
    s.highlighted = in(g_now.marks.highlight, key);
    s.locked = in(g_now.marks.lock, key);
    s.hidden = in(g_now.marks.hide, key);
    g_now.seen.push_back(s);
}

const std::string* key_of(ImGuiID id) {
    if (!g_now.scopes.empty() && marked(g_now.scopes.back())) return &g_now.scopes.back();
    const auto it = g_now.ids.find(id);
    return it == g_now.ids.end() ? nullptr : &it->second;
}

}  // namespace

void begin_frame(const Marks& marks) {
    g_now = Frame();
    g_now.marks = marks;
    g_now.any = !marks.highlight.empty() || !marks.lock.empty() || !marks.hide.empty();
    if (ImGuiContext* ctx = ImGui::GetCurrentContext()) ctx->TestEngineHookItems = g_now.any;
}

void note_label(const char* key, const char* label) {
    if (!g_now.any || !key || !marked(key)) return;
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (!ctx || !ctx->CurrentWindow) return;
    g_now.ids[ImGui::GetID(label)] = key;
}

void begin_scope(const char* id) {
    if (!g_now.any) return;
    while (*id == '#') ++id;
    g_now.scopes.emplace_back(id);
}

void end_scope() {
    if (!g_now.any || g_now.scopes.empty()) return;
    g_now.scopes.pop_back();
}

void end_frame(bool reduced_motion, float thickness) {
    g_last = g_now.seen;
    if (g_last.empty()) return;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const float t = float(ImGui::GetTime());
    // A slow pulse draws the eye; with reduced motion the outline stays still.
    const float pulse = reduced_motion ? 1.0f : 0.65f + 0.35f * std::sin(t * 3.0f);
    const float pad = 3.0f;
    for (const Seen& s : g_last) {
        const ImVec2 a(s.min.x - pad, s.min.y - pad), b(s.max.x + pad, s.max.y + pad);
        if (s.hidden) {
            dl->AddRectFilled(s.min, s.max, ImGui::GetColorU32(ImGuiCol_WindowBg));
            continue;
        }
        if (s.locked) {
            dl->AddRectFilled(s.min, s.max, IM_COL32(120, 120, 120, 60), 3.0f);
            dl->AddRect(a, b, IM_COL32(110, 110, 110, 200), 4.0f, 0, thickness);
        }
        if (s.highlighted)
            dl->AddRect(a, b, IM_COL32(230, 159, 0, int(255 * pulse)), 5.0f, 0, thickness * 1.5f);
    }
}

const std::vector<Seen>& seen_last_frame() { return g_last; }

}  // namespace ll::app::controls

// ---- ImGui's item hooks (declared in imgui_internal.h under IMGUI_ENABLE_TEST_ENGINE) ----

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    using namespace ll::app::controls;
    const std::string* key = key_of(id);
    if (!key) return;
    if (in(g_now.marks.lock, *key) || in(g_now.marks.hide, *key))
        ctx->LastItemData.InFlags |= ImGuiItemFlags_Disabled | ImGuiItemFlags_ReadOnly;
    record(*key, bb, ctx->CurrentWindow);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
    using namespace ll::app::controls;
    if (!label || key_of(id)) return;  // already recorded by ItemAdd
    const char* k = std::strstr(label, "###");
    if (!k || !marked(k + 3)) return;
    record(k + 3, ctx->LastItemData.Rect, ctx->CurrentWindow);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
