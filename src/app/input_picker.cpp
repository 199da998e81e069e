// The input picker (InputLibrary::draw_picker, inputs.h): source combo, index slider with previous /
// next, a strip of thumbnails around the chosen index (as the network sees them: already converted
// to the model's shape), the upload button with the drop hint and the last upload error, and the
// drawing canvas. Drawn inside whatever card the caller opened, at the available width.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/app_state.h"
#include "app/inputs.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

// A Fashion-MNIST class in the UI's language, as the Network lab's prediction names it (net.fm0..9).
std::string shown_label(const AppState& app, const std::string& source, const InputImage& im) {
    if (source != "fashion-mnist" || im.label < 0 || im.label > 9) return im.label_name;
    char key[16];
    std::snprintf(key, sizeof key, "net.fm%d", im.label);
    return app.tr(key);
}

}  // namespace

namespace {

const char* source_key(const std::string& s) {
    if (s == "fashion-mnist") return "input.src.fashion";
    if (s == "mnist") return "input.src.mnist";
    if (s == "photos") return "input.src.photos";
    if (s == "upload") return "input.src.upload";
    return "input.src.drawing";
}

}  // namespace

// The whole test set on its way (or not): a progress bar, or why it failed with "Try again".
void InputLibrary::draw_fetch_state(AppState& app, const std::string& source) {
    const FetchStatus f = fetch_progress(source);
    char line[512];
    if (f.state == FetchStatus::Failed) {
        std::snprintf(line, sizeof line, app.tr("input.fetch_failed"), starter_size(source), f.error.c_str());
        widgets::error_text_wrapped(line);
        if (ImGui::SmallButton(app.label("input.retry"))) retry(source);
        return;
    }
    const double mb = 1e6;
    if (f.total > 0) std::snprintf(line, sizeof line, app.tr("input.fetching_fmt"), f.loaded / mb, f.total / mb);
    else std::snprintf(line, sizeof line, app.tr("input.fetching_bytes_fmt"), f.loaded / mb);
    ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kMuted));
    widgets::text_wrapped(line);
    ImGui::PopStyleColor();
    ImGui::ProgressBar(f.total > 0 ? float(f.loaded / f.total) : -1.0f * float(ImGui::GetTime()),
                       ImVec2(ImGui::GetContentRegionAvail().x, em() * 0.45f), "");
}

void draw_input_pixels(ImDrawList* dl, const Tensor& image, ImVec2 pos, float size) {
    if (image.ndim() != 4 || image.empty()) return;
    const int C = image.dim(1), H = image.dim(2), W = image.dim(3);
    const float cell = size / float(std::max(H, W));
    const size_t hw = size_t(H) * size_t(W);
    auto byte = [](float v) { return int(std::lround(std::min(std::max(v, 0.0f), 1.0f) * 255.0f)); };
    for (int y = 0; y < H; ++y) {
        for (int x = 0; x < W; ++x) {
            const size_t i = size_t(y) * size_t(W) + size_t(x);
            const int r = byte(image[i]);
            const int g = C == 3 ? byte(image[hw + i]) : r;
            const int b = C == 3 ? byte(image[2 * hw + i]) : r;
            const ImVec2 lo(std::floor(pos.x + x * cell), std::floor(pos.y + y * cell));
            const ImVec2 hi(std::floor(pos.x + (x + 1) * cell), std::floor(pos.y + (y + 1) * cell));
            dl->AddRectFilled(lo, hi, IM_COL32(r, g, b, 255));
        }
    }
}

bool InputLibrary::draw_picker(AppState& app, const Shape& chw, std::string& source, int& index) {
    bool chosen = false;
    if (take_pending(source, index)) chosen = true;  // a new upload becomes the input
    ImGui::PushID("input_picker");
    const float lw = std::max(ImGui::CalcTextSize(app.tr("input.source")).x, ImGui::CalcTextSize(app.tr("input.index")).x) +
                     em() * 1.0f;

    // Source.
    widgets::row_label(app.tr("input.source"), lw);
    const float help_w = ImGui::CalcTextSize("(?)").x + ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - help_w);
    if (ImGui::BeginCombo("##source", app.tr(source_key(source)))) {
        for (const std::string& s : sources()) {
            if (ImGui::Selectable(app.tr(source_key(s)), s == source) && s != source) {
                source = s;
                index = s == "upload" ? std::max(0, count(s) - 1) : 0;
                chosen = true;
            }
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    widgets::help_marker(app.tr("input.help"));

    const int n = count(source);
    if (n > 0) index = std::min(std::max(index, 0), n - 1);

    // Index: slider with previous / next.
    if (source != "drawing" && n > 1) {
        widgets::row_label(app.tr("input.index"), lw);
        const float bw = ImGui::GetFrameHeight();
        const float sp = ImGui::GetStyle().ItemInnerSpacing.x;
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - help_w - 2 * (bw + sp));
        int v = index;
        if (ImGui::SliderInt("##index", &v, 0, n - 1, "%d", ImGuiSliderFlags_AlwaysClamp) && v != index) {
            index = v;
            chosen = true;
        }
        ImGui::SameLine(0, sp);
        if (ImGui::ArrowButton("##prev", ImGuiDir_Left) && index > 0) { --index; chosen = true; }
        ImGui::SameLine(0, sp);
        if (ImGui::ArrowButton("##next", ImGuiDir_Right) && index < n - 1) { ++index; chosen = true; }
    }

    // Thumbnails around the index, as the network sees them.
    if (source != "drawing" && n > 0) {
        const float t = em() * 3.2f, gap = em() * 0.4f;
        const float avail = ImGui::GetContentRegionAvail().x;
        const int fit = std::max(1, int((avail + gap) / (t + gap)));
        const int shown = std::min(fit, n);
        int first = std::min(std::max(index - shown / 2, 0), n - shown);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImGui::Dummy(ImVec2(0, em() * 0.2f));
        for (int k = 0; k < shown; ++k) {
            const int i = first + k;
            if (k) ImGui::SameLine(0, gap);
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            ImGui::PushID(i);
            if (ImGui::InvisibleButton("##thumb", ImVec2(t, t)) && i != index) {
                index = i;
                chosen = true;
            }
            const bool hovered = ImGui::IsItemHovered();
            ImGui::PopID();
            const InputImage* im = thumb(source, i, chw);
            if (im) draw_input_pixels(dl, im->image, pos, t);
            else dl->AddRectFilled(pos, ImVec2(pos.x + t, pos.y + t), col32(colors::kPadCell));
            const bool sel = i == index;
            dl->AddRect(ImVec2(pos.x - 1, pos.y - 1), ImVec2(pos.x + t + 1, pos.y + t + 1),
                        col32(sel ? colors::kAccent : hovered ? colors::kMuted : colors::kCardBorder), 3.0f, 0,
                        sel ? 2.5f : 1.0f);
            if (hovered && im) {
                ImGui::BeginTooltip();
                if (im->label >= 0) ImGui::Text("#%d  %s (%d)", i, shown_label(app, source, *im).c_str(), im->label);
                else ImGui::Text("#%d  %s", i, im->label_name.c_str());
                ImGui::EndTooltip();
            }
        }
        // The chosen one's name.
        if (const InputImage* im = thumb(source, index, chw)) {
            char line[256];
            if (im->label >= 0)
                std::snprintf(line, sizeof line, "#%d · %s (%s %d)", index, shown_label(app, source, *im).c_str(),
                              app.tr("input.class"), im->label);
            else
                std::snprintf(line, sizeof line, "#%d · %s", index, im->label_name.c_str());
            ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kMuted));
            ImGui::TextUnformatted(line);
            ImGui::PopStyleColor();
        }
    } else if (source != "drawing") {
        const std::string why = load_error(source);
        if (source == "upload") widgets::muted_text_wrapped(app.tr("input.no_uploads"));
        else {
            char msg[512];
            std::snprintf(msg, sizeof msg, app.tr("input.missing"), why.c_str());
            widgets::error_text_wrapped(msg);
        }
    }

    if (partial(source) && fetch_progress(source).state != FetchStatus::None) draw_fetch_state(app, source);

    // The drawing canvas.
    if (source == "drawing") {
        int C = 1, H = 28, W = 28;
        if (!input_chw(chw, C, H, W)) { H = 28; W = 28; }
        canvas_.resize(H, W);
        const float size = std::min(ImGui::GetContentRegionAvail().x, em() * 11.0f);
        bool finished = false;
        if (draw_canvas("##canvas", canvas_, size, &finished)) {
            index = 0;
            chosen = true;
        }
        if (finished) keep_drawing();
        ImGui::SameLine();
        ImGui::BeginGroup();
        if (ImGui::Button(app.label("input.clear"))) {
            canvas_.clear();
            keep_drawing();
            index = 0;
            chosen = true;
        }
        char hint[256];
        std::snprintf(hint, sizeof hint, app.tr("input.draw_hint"), H, W);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(ImGui::GetContentRegionAvail().x, em() * 6.0f));
        ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kMuted));
        widgets::text_wrapped(hint);
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
    }

    // Uploads: the button (browser only), the drop hint, the last error.
    ImGui::Dummy(ImVec2(0, em() * 0.2f));
    if (app.host && app.host->can_open_file_picker()) {
        if (ImGui::Button(app.label("input.upload"))) app.host->open_file_picker();
        ImGui::SameLine();
    }
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kMuted));
    ImGui::TextUnformatted(app.tr("input.drop_hint"));
    ImGui::PopStyleColor();
    if (!upload_error_.empty()) {
        char msg[1024];
        std::snprintf(msg, sizeof msg, app.tr("input.not_image"), engine_message(app.lang, upload_error_).c_str());
        widgets::error_text_wrapped(msg);
        if (app.lang != Lang::En) widgets::muted_text_wrapped(upload_error_.c_str());
        widgets::muted_text_wrapped(app.tr("input.kept"));
    }
    ImGui::PopID();

    if (chosen) {
        cur_source_ = source;
        cur_index_ = index;
        if (source != "upload") upload_error_.clear();
    }
    return chosen;
}

}  // namespace ll::app
