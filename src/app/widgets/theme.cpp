// The UI theme: a calm light palette (slate text on soft grey, white cards, one blue accent),
// rounded corners and roomy spacing. Sizes are in logical pixels at text size 1 and scaled together.
#include "app/app.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

ImVec4 rgb(int hex, float a = 1.0f) {
    return ImVec4(float((hex >> 16) & 0xFF) / 255.0f, float((hex >> 8) & 0xFF) / 255.0f,
                  float(hex & 0xFF) / 255.0f, a);
}

}  // namespace

void app_style(ImGuiStyle& style, float scale, bool high_contrast) {
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(16, 12);
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.CellPadding = ImVec2(8, 4);
    style.IndentSpacing = 18;
    style.ScrollbarSize = 13;
    style.GrabMinSize = 12;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 1;
    style.PopupBorderSize = 1;
    style.FrameBorderSize = 0;
    style.TabBorderSize = 0;
    style.WindowRounding = 8;
    style.ChildRounding = 8;
    style.FrameRounding = 5;
    style.PopupRounding = 6;
    style.ScrollbarRounding = 6;
    style.GrabRounding = 5;
    style.TabRounding = 6;
    style.WindowTitleAlign = ImVec2(0.5f, 0.5f);
    style.ScaleAllSizes(scale);

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = rgb(0x1F2933);
    c[ImGuiCol_TextDisabled] = rgb(0x6B7785);
    c[ImGuiCol_WindowBg] = rgb(colors::kPage);
    c[ImGuiCol_ChildBg] = rgb(0xFFFFFF, 0.0f);
    c[ImGuiCol_PopupBg] = rgb(0xFFFFFF);
    c[ImGuiCol_Border] = rgb(0xD5DAE1);
    c[ImGuiCol_BorderShadow] = rgb(0x000000, 0.0f);
    c[ImGuiCol_FrameBg] = rgb(0xE6EAF0);
    c[ImGuiCol_FrameBgHovered] = rgb(0xDCE3EC);
    c[ImGuiCol_FrameBgActive] = rgb(0xD0D9E6);
    c[ImGuiCol_TitleBg] = rgb(0xEEF1F5);
    c[ImGuiCol_TitleBgActive] = rgb(0xE3E8EF);
    c[ImGuiCol_TitleBgCollapsed] = rgb(0xEEF1F5);
    c[ImGuiCol_MenuBarBg] = rgb(0xFFFFFF);
    c[ImGuiCol_ScrollbarBg] = rgb(0x000000, 0.0f);
    c[ImGuiCol_ScrollbarGrab] = rgb(0xC3CAD4);
    c[ImGuiCol_ScrollbarGrabHovered] = rgb(0xAEB7C3);
    c[ImGuiCol_ScrollbarGrabActive] = rgb(0x97A2B1);
    c[ImGuiCol_CheckMark] = rgb(colors::kAccent);
    // A light grab keeps the slider's value (drawn on top of it) readable.
    c[ImGuiCol_SliderGrab] = rgb(0x9DB7EA);
    c[ImGuiCol_SliderGrabActive] = rgb(0x7D9EE0);
    c[ImGuiCol_Button] = rgb(0xE3E8EF);
    c[ImGuiCol_ButtonHovered] = rgb(0xD3DCE8);
    c[ImGuiCol_ButtonActive] = rgb(0xC0CEE2);
    c[ImGuiCol_Header] = rgb(0xDDE7F8);
    c[ImGuiCol_HeaderHovered] = rgb(0xD0DEF5);
    c[ImGuiCol_HeaderActive] = rgb(0xC2D4F2);
    c[ImGuiCol_Separator] = rgb(0xDDE2E8);
    if (high_contrast) {
        c[ImGuiCol_Text] = rgb(0x000000);
        c[ImGuiCol_TextDisabled] = rgb(0x303840);
        c[ImGuiCol_Border] = rgb(0x5A6470);
        c[ImGuiCol_Separator] = rgb(0x5A6470);
        style.FrameBorderSize = 1.5f * scale;
        style.ChildBorderSize = 2.0f * scale;
    }
    c[ImGuiCol_SeparatorHovered] = rgb(0xB8C3D1);
    c[ImGuiCol_SeparatorActive] = rgb(colors::kAccent);
    c[ImGuiCol_ResizeGrip] = rgb(0x000000, 0.0f);
    c[ImGuiCol_ResizeGripHovered] = rgb(colors::kAccent, 0.4f);
    c[ImGuiCol_ResizeGripActive] = rgb(colors::kAccent, 0.7f);
    c[ImGuiCol_Tab] = rgb(0xE4E8EE);
    c[ImGuiCol_TabHovered] = rgb(0xF7F9FB);
    c[ImGuiCol_TabActive] = rgb(0xFFFFFF);
    c[ImGuiCol_TabUnfocused] = c[ImGuiCol_Tab];
    c[ImGuiCol_TabUnfocusedActive] = c[ImGuiCol_TabActive];
    c[ImGuiCol_PlotLines] = rgb(colors::kAccent);
    c[ImGuiCol_PlotHistogram] = rgb(colors::kAccent);
    c[ImGuiCol_TableHeaderBg] = rgb(0xEEF1F5);
    c[ImGuiCol_TableBorderStrong] = rgb(0xD5DAE1);
    c[ImGuiCol_TableBorderLight] = rgb(0xE4E8ED);
    c[ImGuiCol_TableRowBg] = rgb(0x000000, 0.0f);
    c[ImGuiCol_TableRowBgAlt] = rgb(0xF4F6F8);
    c[ImGuiCol_TextSelectedBg] = rgb(colors::kAccent, 0.25f);
    c[ImGuiCol_NavHighlight] = rgb(colors::kAccent);
    c[ImGuiCol_ModalWindowDimBg] = rgb(0x1F2933, 0.35f);
}

}  // namespace ll::app
