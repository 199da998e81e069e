// The "coming soon" page of a lab that is not written yet.
#include "app/panels/coming_soon.h"

#include "app/app_state.h"
#include "app/widgets/widgets.h"

namespace ll::app {

void draw_coming_soon(AppState& app, const char* title_key, const char* text_key) {
    ImGui::Dummy(ImVec2(0.0f, em() * 1.0f));
    const widgets::Card card = widgets::begin_card("coming", em() * 38.0f);
    widgets::heading(app, app.tr(title_key));
    ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kAccent));
    ImGui::TextUnformatted(app.tr("coming.title"));
    ImGui::PopStyleColor();
    ImGui::Spacing();
    ImGui::TextWrapped("%s", app.tr(text_key));
    ImGui::Spacing();
    widgets::muted_text_wrapped(app.tr("coming.meanwhile"));
    ImGui::Spacing();
    if (ImGui::Button(app.label("coming.open_arithmetic"))) app.requests.set_lab = LabId::Arithmetic;
    widgets::end_card(card);
}

}  // namespace ll::app
