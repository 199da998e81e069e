// Lab page columns: see layout.h.
#include "app/widgets/layout.h"

#include "app/app_state.h"
#include "app/widgets/widgets.h"

namespace ll::app::widgets {

bool columns_fit(float avail, std::initializer_list<float> min_widths, float gap) {
    float need = 0.0f;
    for (float w : min_widths) need += w;
    need += gap * float(min_widths.size() > 0 ? min_widths.size() - 1 : 0);
    return avail >= need;
}

void begin_column(const char* id, float width, bool stacked, ImGuiWindowFlags flags) {
    if (stacked) {
        ImGui::PushID(id);
        ImGui::BeginGroup();
        return;
    }
    ImGui::BeginChild(id, ImVec2(width, 0.0f), false, ImGuiWindowFlags_NoBackground | flags);
}

void end_column(bool stacked) {
    if (stacked) {
        ImGui::EndGroup();
        ImGui::PopID();
        return;
    }
    ImGui::EndChild();
}

void next_column(bool stacked, float gap) {
    if (stacked) ImGui::Dummy(ImVec2(0.0f, gap));
    else ImGui::SameLine(0.0f, gap);
}

float folded_controls_width() { return ImGui::GetFrameHeight() + em() * 0.4f; }

bool begin_controls_column(AppState& app, float width, bool stacked) {
    const bool folded = app.shell.controls_folded;
    begin_column("##controls", folded && !stacked ? folded_controls_width() : width, stacked);
    // The fold button sits in the column's top right corner, over nothing the labs draw there (their
    // headings start at the left and wrap before the corner).
    const ImVec2 start = ImGui::GetCursorPos();
    const float bw = ImGui::GetFrameHeight();
    if (!folded) ImGui::SetCursorPos(ImVec2(ImMax(start.x, ImGui::GetContentRegionAvail().x + start.x - bw), start.y));
    ImGui::PushStyleColor(ImGuiCol_Button, col4(colors::kPage));
    if (ImGui::ArrowButton("##fold", folded ? ImGuiDir_Right : ImGuiDir_Left)) app.requests.fold_controls = !folded;
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.tr(folded ? "layout.unfold" : "layout.fold"));
    if (folded) return false;
    ImGui::SetCursorPos(start);
    return true;
}

void end_controls_column(bool stacked) { end_column(stacked); }

}  // namespace ll::app::widgets
