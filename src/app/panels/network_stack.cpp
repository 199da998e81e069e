// Network lab: the stack of layers (left column). One row per layer with its output shape,
// parameters, multiply-adds and receptive field (ll::Model::info()); the selected layer's JSON
// arguments are edited through small typed widgets, and every edit rebuilds the model from JSON
// (session_apply_edit). A refused edit shows the engine's reason on the layer it names.
#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app_state.h"
#include "app/panels/network.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

// Layer types the add combo offers, with the arguments a new one starts from.
struct NewLayer {
    const char* type;
    const char* json;
};
const NewLayer kNewLayers[] = {
    {"Conv2d", R"({"type": "Conv2d", "out_channels": 8, "kernel_size": 3, "padding": 1})"},
    {"ReLU", R"({"type": "ReLU"})"},
    {"MaxPool2d", R"({"type": "MaxPool2d", "kernel_size": 2})"},
    {"AvgPool2d", R"({"type": "AvgPool2d", "kernel_size": 2})"},
    {"BatchNorm2d", R"({"type": "BatchNorm2d"})"},
    {"Tanh", R"({"type": "Tanh"})"},
    {"Sigmoid", R"({"type": "Sigmoid"})"},
    {"LeakyReLU", R"({"type": "LeakyReLU"})"},
    {"GELU", R"({"type": "GELU"})"},
    {"Dropout", R"({"type": "Dropout"})"},
    {"Flatten", R"({"type": "Flatten"})"},
    {"Linear", R"({"type": "Linear", "out_features": 10})"},
};

}  // namespace

std::string compact(int64_t v) {
    char buf[32];
    if (v >= 10'000'000) std::snprintf(buf, sizeof buf, "%lldM", (long long)(v / 1'000'000));
    else if (v >= 1'000'000) std::snprintf(buf, sizeof buf, "%.1fM", double(v) / 1e6);
    else if (v >= 10'000) std::snprintf(buf, sizeof buf, "%lldK", (long long)(v / 1000));
    else std::snprintf(buf, sizeof buf, "%lld", (long long)v);
    return buf;
}

namespace {

std::vector<Json> layer_list(const Json& desc) {
    const Json* l = desc.find("layers");
    return l ? l->items() : std::vector<Json>{};
}

Json with_layers(const Json& desc, const std::vector<Json>& layers) {
    Json d = Json::object();
    if (const Json* in = desc.find("input_shape")) d.set("input_shape", *in);
    Json arr = Json::array();
    for (const Json& l : layers) arr.push(l);
    d.set("layers", arr);
    return d;
}

// One typed widget per argument; returns true when the value changed (written into `layer`).
bool edit_arg(Json& layer, const std::string& key, const Json& v, float label_w) {
    if (key == "type") return false;
    widgets::row_label(key.c_str(), label_w);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    const std::string id = "##" + key;
    if (v.is_bool()) {
        bool b = v.as_bool();
        if (ImGui::Checkbox(id.c_str(), &b)) { layer.set(key, Json::boolean(b)); return true; }
    } else if (v.is_int()) {
        int i = v.as_int();
        if (ImGui::InputInt(id.c_str(), &i, 1, 4, ImGuiInputTextFlags_EnterReturnsTrue) ||
            (ImGui::IsItemDeactivatedAfterEdit())) {
            layer.set(key, Json::number(i));
            return i != v.as_int();
        }
    } else if (v.is_number()) {
        float f = float(v.as_number());
        if (ImGui::InputFloat(id.c_str(), &f, 0.0f, 0.0f, "%.4g", ImGuiInputTextFlags_EnterReturnsTrue)) {
            layer.set(key, Json::number(double(f)));
            return true;
        }
    } else if (v.is_array() && v.size() == 2 && v[0].is_int() && v[1].is_int()) {
        int p[2] = {v[0].as_int(), v[1].as_int()};
        if (ImGui::InputInt2(id.c_str(), p, ImGuiInputTextFlags_EnterReturnsTrue) || ImGui::IsItemDeactivatedAfterEdit()) {
            if (p[0] == v[0].as_int() && p[1] == v[1].as_int()) return false;
            Json a = Json::array();
            a.push(Json::number(p[0]));
            a.push(Json::number(p[1]));
            layer.set(key, a);
            return true;
        }
    } else {
        ImGui::TextDisabled("%s", v.is_null() ? "None" : v.dump().c_str());
    }
    return false;
}

}  // namespace

bool edit_layer_args(NetworkSession& s, int layer, const Json& args) {
    std::vector<Json> layers = layer_list(s.desc);
    if (layer < 0 || layer >= int(layers.size()) || !args.is_object()) {
        s.edit_error = "editLayer: no layer " + std::to_string(layer);
        s.edit_error_layer = -1;
        return false;
    }
    for (const auto& kv : args.members()) layers[size_t(layer)].set(kv.first, kv.second);
    return session_apply_edit(s, with_layers(s.desc, layers), s.layer_ids);
}

int draw_layer_stack(NetworkSession& s, StackUi& ui, AppState& app, int selected, int current, Phase phase) {
    // `selected` is the editor's layer (highlighted row); `current` the stepper's (arrow, tinted row).
    int clicked = -1;
    const std::vector<LayerInfo> info = s.model.info();
    const float x0 = ImGui::GetCursorPosX();
    const float w = ImGui::GetContentRegionAvail().x;
    // Columns: # type | output | params | MACs | RF, each as wide as its widest cell (header or row), the
    // spare width shared out evenly; so no language's header or a long layer name runs into the next.
    const char* heads[5] = {app.tr("net.col_layer"), app.tr("net.col_output"), app.tr("net.col_params"),
                            app.tr("net.col_macs"), app.tr("net.col_rf")};
    std::vector<std::array<std::string, 5>> rows(info.size());
    for (size_t i = 0; i < info.size(); ++i) {
        const LayerInfo& li = info[i];
        const bool is_current = int(i) == current;
        const char* mark = is_current ? (phase == Phase::Backward ? "◀" : phase == Phase::Update ? "●" : "▶") : " ";
        char buf[128];
        std::snprintf(buf, sizeof buf, "%s%2zu %s", mark, i, li.type.c_str());
        rows[i] = {buf, shape_str(li.out_shape), li.params ? compact(li.params) : "·", li.macs ? compact(li.macs) : "·",
                   li.receptive.whole_input ? app.tr("net.rf_all") : std::to_string(li.receptive.size[0])};
    }
    float need[5];
    for (int c = 0; c < 5; ++c) need[c] = ImGui::CalcTextSize(heads[c]).x;
    need[1] = std::max(need[1], ImGui::CalcTextSize(shape_str(s.model.input_shape()).c_str()).x);
    for (const auto& r : rows)
        for (int c = 0; c < 5; ++c) need[c] = std::max(need[c], ImGui::CalcTextSize(r[size_t(c)].c_str()).x);
    const float gap = ImGui::GetStyle().ItemSpacing.x * 0.75f;
    float total = 4.0f * gap;
    for (float n : need) total += n;
    // Too narrow for every cell: whole columns go from the right (RF, then MACs: a row's tooltip still
    // has them), then the layer names give way (clipped below); a number is never cut.
    int shown_cols = 5;
    while (total > w && shown_cols > 3) {
        --shown_cols;
        total -= need[shown_cols] + gap;
    }
    if (total > w) need[0] = std::max(ImGui::GetFontSize() * 3.0f, need[0] - (total - w));
    const float spare = shown_cols > 1 ? std::max(0.0f, w - total) / float(shown_cols - 1) : 0.0f;
    float cx[5];
    cx[0] = 0.0f;
    for (int c = 1; c < 5; ++c) cx[c] = cx[c - 1] + need[c - 1] + gap + spare;
    ImGui::TextDisabled("%s", app.tr("net.layers"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("net.stack_help"));
    ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kMuted));
    for (int c = 0; c < shown_cols; ++c) {
        if (c) ImGui::SameLine(x0 + cx[c]);
        ImGui::TextUnformatted(heads[c]);
    }
    ImGui::PopStyleColor();
    {
        char buf[64];
        std::snprintf(buf, sizeof buf, "   %s", app.tr("net.input"));
        ImGui::TextDisabled("%s", buf);
        ImGui::SameLine(x0 + cx[1]);
        ImGui::TextDisabled("%s", shape_str(s.model.input_shape()).c_str());
    }
    for (size_t i = 0; i < info.size(); ++i) {
        ImGui::PushID(int(i));
        const bool is_current = int(i) == current;
        const bool bad = int(i) == s.edit_error_layer;
        if (is_current) {
            const ImVec2 p = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + ImGui::GetTextLineHeightWithSpacing()),
                                                      col32(phase == Phase::Backward ? 0xFBE3E1 : colors::kOutputCell));
        }
        if (ImGui::Selectable("##row", int(i) == selected, ImGuiSelectableFlags_AllowItemOverlap)) clicked = int(i);
        if (shown_cols < 5 && ImGui::IsItemHovered()) {
            std::string tip = rows[i][0];
            for (int c = 1; c < 5; ++c) tip += std::string("\n") + heads[c] + ": " + rows[i][size_t(c)];
            ImGui::SetTooltip("%s", tip.c_str());
        }
        ImGui::SameLine(x0 + cx[0]);
        const ImVec2 row = ImGui::GetCursorScreenPos();
        ImGui::PushClipRect(row, ImVec2(row.x + cx[1] - gap, row.y + ImGui::GetTextLineHeightWithSpacing()), true);
        if (bad) ImGui::TextColored(col4(colors::kError), "%s", rows[i][0].c_str());
        else ImGui::TextUnformatted(rows[i][0].c_str());
        ImGui::PopClipRect();
        for (int c = 1; c < shown_cols; ++c) {
            ImGui::SameLine(x0 + cx[c]);
            ImGui::TextUnformatted(rows[i][size_t(c)].c_str());
        }
        if (bad) widgets::engine_error(app, s.edit_error);
        ImGui::PopID();
    }
    if (!s.edit_error.empty() && s.edit_error_layer < 0) widgets::engine_error(app, s.edit_error);
    // Which layers the last edit re-initialised: their numbers jump, and a trained network forgets.
    const std::vector<int>* lists[2] = {&s.reinitialized, &s.added};
    const char* fmts[2] = {"net.reinit_fmt", "net.added_fmt"};
    for (int k = 0; k < 2; ++k) {
        if (lists[k]->empty()) continue;
        std::string which;
        for (int i : *lists[k]) which += (which.empty() ? "" : ", ") + std::to_string(i);
        char buf[512];
        std::snprintf(buf, sizeof buf, app.tr(fmts[k]), which.c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, col4(k == 0 ? 0x9A5B00 : colors::kMuted));
        widgets::text_wrapped(buf);
        ImGui::PopStyleColor();
    }

    // ---- Editor of the selected layer ----
    std::vector<Json> layers = layer_list(s.desc);
    if (selected < 0 || selected >= int(layers.size())) return clicked;
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    Json layer = layers[size_t(selected)];
    const Json* type = layer.find("type");
    ImGui::Text("%s %d: %s", app.tr("net.edit_layer"), selected, type && type->is_string() ? type->as_string().c_str() : "?");
    ImGui::SameLine();
    widgets::help_marker(app.tr("net.edit_help"));
    float lw = 0.0f;
    for (const auto& kv : layer.members()) lw = ImMax(lw, ImGui::CalcTextSize(kv.first.c_str()).x);
    lw += em();
    bool changed = false;
    ImGui::PushID("args");
    const Json shown = layer;  // edit_arg writes into layer while we walk the shown values
    for (const auto& kv : shown.members()) changed |= edit_arg(layer, kv.first, kv.second, lw);
    ImGui::PopID();
    std::vector<int> ids = s.layer_ids;
    if (changed) {
        layers[size_t(selected)] = layer;
        session_apply_edit(s, with_layers(s.desc, layers), ids);
        return clicked;
    }
    // Reorder, remove, add.
    const int n = int(layers.size());
    ImGui::BeginDisabled(selected == 0);
    if (ImGui::Button(app.label("net.move_up"))) {
        std::swap(layers[size_t(selected)], layers[size_t(selected - 1)]);
        std::swap(ids[size_t(selected)], ids[size_t(selected - 1)]);
        if (session_apply_edit(s, with_layers(s.desc, layers), ids)) clicked = selected - 1;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(selected >= n - 1);
    if (ImGui::Button(app.label("net.move_down"))) {
        std::swap(layers[size_t(selected)], layers[size_t(selected + 1)]);
        std::swap(ids[size_t(selected)], ids[size_t(selected + 1)]);
        if (session_apply_edit(s, with_layers(s.desc, layers), ids)) clicked = selected + 1;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(n <= 1);
    if (ImGui::Button(app.label("net.remove"))) {
        layers.erase(layers.begin() + selected);
        ids.erase(ids.begin() + selected);
        if (session_apply_edit(s, with_layers(s.desc, layers), ids)) clicked = ImMax(0, selected - 1);
    }
    ImGui::EndDisabled();
    ImGui::SetNextItemWidth(em() * 8.0f);
    ImGui::Combo("##addtype", &ui.add_type, [](void*, int i, const char** out) { *out = kNewLayers[i].type; return true; },
                 nullptr, int(sizeof kNewLayers / sizeof kNewLayers[0]));
    ImGui::SameLine();
    if (ImGui::Button(app.label("net.add_after"))) {
        Json nl;
        if (parse_json(kNewLayers[ui.add_type].json, nl)) {
            layers.insert(layers.begin() + selected + 1, nl);
            ids.insert(ids.begin() + selected + 1, -1);
            if (session_apply_edit(s, with_layers(s.desc, layers), ids)) clicked = selected + 1;
        }
    }
    return clicked;
}

}  // namespace ll::app
