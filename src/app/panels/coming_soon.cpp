// The "coming soon" page of a lab that is not written yet.
#include "app/panels/coming_soon.h"

#include "app/app_state.h"
#include "app/widgets/widgets.h"

namespace ll::app {

void draw_coming_soon(AppState& app, const char* title_key, const char* text_key) {
    ImGui::Dummy(ImVec2(0.0f, em() * 1.0f));
    const widgets::Card card = widgets::begin_card("coming", ImMin(em() * 38.0f, ImGui::GetContentRegionAvail().x));
    widgets::heading(app, app.tr(title_key));
    ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kAccent));
    ImGui::TextUnformatted(app.tr("coming.title"));
    ImGui::PopStyleColor();
    ImGui::Spacing();
    widgets::text_wrapped(app.tr(text_key));
    ImGui::Spacing();
    widgets::muted_text_wrapped(app.tr("coming.meanwhile"));
    ImGui::Spacing();
    const struct { const char* key; LabId lab; } kGo[] = {
        {"coming.go_network", LabId::Network},
        {"coming.go_normalization", LabId::Normalization},
        {"coming.go_optimizers", LabId::Optimizers},
    };
    for (const auto& go : kGo) {
        // The long labels wrap inside the card rather than run past it.
        ImGui::PushID(go.key);
        if (ImGui::SmallButton(">")) app.requests.set_lab = go.lab;
        ImGui::SameLine();
        widgets::text_wrapped(app.tr(go.key));
        if (ImGui::IsItemClicked()) app.requests.set_lab = go.lab;
        ImGui::PopID();
    }
    ImGui::Spacing();
    widgets::muted_text_wrapped(app.tr("coming.cli"));
    widgets::end_card(card);
}

}  // namespace ll::app
