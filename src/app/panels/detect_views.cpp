// Detection lab, the pictures: the photo with boxes, and each view's card. Numbers shown here are the
// engine's (box_iou_parts, nms_trace, voc_match, pr_curve, voc_ap_*, coco_evaluate); the only sums here
// are screen geometry.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/app_state.h"
#include "app/inputs.h"
#include "app/panels/detect_lab.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

constexpr int kBoxA = 0x3668D0, kBoxB = 0xE07B20, kInter = 0x2E9E5B, kGt = 0xF2C200;
constexpr int kTp = 0x2E9E5B, kFp = 0xC62828, kDup = 0xE07B20, kIgnored = 0x8A94A0;
constexpr int kClass[2] = {0x3668D0, 0xB04AC8};

// The photo (coins.png) at the cursor, at most max_w wide; sets lab.canvas. Without the photo (or for
// a user's set) a light frame of the size given.
void photo_canvas(DetectLab& lab, AppState& app, float img_w, float img_h, bool photo, float max_w = 0.0f) {
    if (photo && !lab.photo_tried && app.host) {
        lab.photo_tried = true;
        const int idx = app.inputs.photo_index("coins");
        InputImage in;
        if (idx >= 0 && app.inputs.get("photos", idx, {1, kDetectionSampleHeight, kDetectionSampleWidth}, in)) {
            lab.photo_image = app.host->image_create();
            app.host->image_update(lab.photo_image, in.image, 0, Colormap::Grey, 0.0f, 1.0f);
        }
    }
    const float avail = max_w > 0.0f ? max_w : ImGui::GetContentRegionAvail().x;
    const float scale = ImMax(0.25f, ImMin(avail / img_w, em() * 30.0f / img_h));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 size(img_w * scale, img_h * scale);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (photo && lab.photo_image >= 0) dl->AddImage(app.host->image_texture(lab.photo_image), p, ImVec2(p.x + size.x, p.y + size.y));
    else dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), col32(0xE9EDF2));
    dl->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + size.x + 1, p.y + size.y + 1), col32(colors::kGridLine));
    lab.canvas.x = p.x;
    lab.canvas.y = p.y;
    lab.canvas.scale = scale;
    lab.canvas.shown = true;
    ImGui::InvisibleButton("##canvas", size);
}

ImVec2 to_screen(const Canvas& c, float x, float y) { return ImVec2(c.x + x * c.scale, c.y + y * c.scale); }

void draw_box(const Canvas& c, const Box& b, ImU32 col, float thick) {
    ImGui::GetWindowDrawList()->AddRect(to_screen(c, b.x1, b.y1), to_screen(c, b.x2, b.y2), col, 0.0f, 0, thick);
}

// A box drawn dashed (a suppressed candidate).
void draw_box_dashed(const Canvas& c, const Box& b, ImU32 col, float thick) {
    const ImVec2 p = to_screen(c, b.x1, b.y1), q = to_screen(c, b.x2, b.y2);
    widgets::polyline_dashed(ImGui::GetWindowDrawList(), {p, ImVec2(q.x, p.y), q, ImVec2(p.x, q.y), p}, col, thick);
}

// Boxes stay inside the photo (a candidate may reach past its edge).
void clip_to_canvas(const Canvas& c, float img_w, float img_h) {
    ImGui::GetWindowDrawList()->PushClipRect(to_screen(c, 0, 0), to_screen(c, img_w, img_h), true);
}

Box xywh(double x, double y, double w, double h) { return Box{float(x), float(y), float(x + w), float(y + h)}; }

void box_label(const Canvas& c, const Box& b, ImU32 col, const char* text) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = to_screen(c, b.x1, b.y1);
    const ImVec2 ts = ImGui::CalcTextSize(text);
    const ImVec2 q(p.x, p.y - ts.y - 2.0f);
    dl->AddRectFilled(q, ImVec2(q.x + ts.x + 4.0f, q.y + ts.y + 2.0f), col);
    dl->AddText(ImVec2(q.x + 2.0f, q.y + 1.0f), IM_COL32_WHITE, text);
}

// What goes beside the photo (a group right of it, text wrapped at the column's edge), or under it.
void begin_beside(bool beside) {
    if (!beside) {
        ImGui::Spacing();
        return;
    }
    ImGui::SameLine(0.0f, em());
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + ImGui::GetContentRegionAvail().x);
}
void end_beside(bool beside) {
    if (!beside) return;
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

// Back / Step / All / Reset over `shown` of `total`, then the count text (fmt takes shown, total, extra).
void step_buttons(AppState& app, int& shown, int total, const char* fmt, int extra) {
    if (ImGui::Button(app.label("det.back")) && shown > 0) --shown;
    ImGui::SameLine();
    if (ImGui::Button(app.label("det.step")) && shown < total) ++shown;
    ImGui::SameLine();
    if (ImGui::Button(app.label("det.all"))) shown = total;
    ImGui::SameLine();
    if (ImGui::Button(app.label("det.reset"))) shown = 0;
    char buf[512];
    std::snprintf(buf, sizeof buf, fmt, shown, total, extra);
    widgets::flow_same_line(ImGui::CalcTextSize(buf).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(buf);
}

// ---- IoU ----

void iou_drag(DetectLab& lab) {
    const Canvas& c = lab.canvas;
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float mx = (m.x - c.x) / c.scale, my = (m.y - c.y) / c.scale;
    const float W = float(kDetectionSampleWidth), H = float(kDetectionSampleHeight);
    if (ImGui::IsItemActivated()) {
        lab.drag = -1;
        const float r = 8.0f / c.scale;  // the corner handle, 8 screen px
        Box* boxes[2] = {&lab.box_a, &lab.box_b};
        for (int i = 1; i >= 0 && lab.drag < 0; --i)
            if (std::fabs(mx - boxes[i]->x2) <= r && std::fabs(my - boxes[i]->y2) <= r) lab.drag = 2 + i;
        for (int i = 1; i >= 0 && lab.drag < 0; --i) {
            const Box& b = *boxes[i];
            if (mx >= b.x1 && mx <= b.x2 && my >= b.y1 && my <= b.y2) {
                lab.drag = i;
                lab.grab_x = mx - b.x1;
                lab.grab_y = my - b.y1;
            }
        }
    }
    if (!ImGui::IsItemActive()) {
        lab.drag = -1;
        return;
    }
    if (lab.drag < 0) return;
    Box& b = (lab.drag % 2 == 0) ? lab.box_a : lab.box_b;
    if (lab.drag < 2) {
        const float w = b.x2 - b.x1, h = b.y2 - b.y1;
        b.x1 = std::round(ImClamp(mx - lab.grab_x, 0.0f, W - w));
        b.y1 = std::round(ImClamp(my - lab.grab_y, 0.0f, H - h));
        b.x2 = b.x1 + w;
        b.y2 = b.y1 + h;
    } else {
        b.x2 = std::round(ImClamp(mx, b.x1 + 2.0f, W));
        b.y2 = std::round(ImClamp(my, b.y1 + 2.0f, H));
    }
}

}  // namespace

void draw_iou_view(DetectLab& lab, AppState& app) {
    widgets::Card card = widgets::begin_card("iou");
    widgets::heading(app, app.tr("det.iou_title"));
    widgets::muted_text_wrapped(app.tr("det.iou_hint"));
    if (ImGui::Button(app.label("det.iou_demo"))) {
        // Two 90 x 90 boxes, one shifted by a third of its side.
        lab.box_a = Box{60, 60, 150, 150};
        lab.box_b = Box{90, 60, 180, 150};
    }
    ImGui::SameLine();
    widgets::help_marker(app.tr("det.iou_demo_help"));
    // The numbers beside the photo when the column has room for both, else under it.
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool beside = avail > em() * 42.0f;
    photo_canvas(lab, app, float(kDetectionSampleWidth), float(kDetectionSampleHeight), true,
                 beside ? avail - em() * 20.0f : 0.0f);
    iou_drag(lab);
    const Canvas& c = lab.canvas;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Box& a = lab.box_a;
    const Box& b = lab.box_b;
    const Box in{ImMax(a.x1, b.x1), ImMax(a.y1, b.y1), ImMin(a.x2, b.x2), ImMin(a.y2, b.y2)};
    if (in.x2 > in.x1 && in.y2 > in.y1) dl->AddRectFilled(to_screen(c, in.x1, in.y1), to_screen(c, in.x2, in.y2), col32(kInter, 0.45f));
    draw_box(c, a, col32(kBoxA), 2.5f);
    draw_box(c, b, col32(kBoxB), 2.5f);
    for (const Box* x : {&a, &b}) {
        const ImVec2 h = to_screen(c, x->x2, x->y2);
        dl->AddRectFilled(ImVec2(h.x - 5, h.y - 5), ImVec2(h.x + 5, h.y + 5), col32(x == &a ? kBoxA : kBoxB));
    }
    box_label(c, a, col32(kBoxA), "A");
    box_label(c, b, col32(kBoxB), "B");
    begin_beside(beside);
    const IouParts p = box_iou_parts(a, b);
    char buf[512];
    std::snprintf(buf, sizeof buf, app.tr("det.iou_boxes"), double(a.x1), double(a.y1), double(a.x2), double(a.y2),
                  double(b.x1), double(b.y1), double(b.x2), double(b.y2));
    widgets::muted_text_wrapped(buf);
    ImGui::TextColored(col4(kBoxA), "area(A) = %g", double(p.area_a));
    ImGui::TextColored(col4(kBoxB), "area(B) = %g", double(p.area_b));
    ImGui::TextColored(col4(kInter), "I = %s = %g", app.tr("det.intersection"), double(p.intersection));
    ImGui::Text("U = area(A) + area(B) - I = %g", double(p.uni));
    if (std::isfinite(p.iou)) ImGui::Text("IoU = I / U = %g / %g\n       = %.4f", double(p.intersection), double(p.uni), double(p.iou));
    else ImGui::Text("IoU = 0 / 0");
    if (p.area_a > 0 && p.area_b > 0) {
        std::snprintf(buf, sizeof buf, app.tr("det.iou_cover"), 100.0 * double(p.intersection) / double(p.area_a),
                      100.0 * double(p.intersection) / double(p.area_b));
        widgets::text_wrapped(buf);
    }
    widgets::muted_text_wrapped(app.tr("det.iou_two_thirds"));
    end_beside(beside);
    widgets::end_card(card);
}

// ---- NMS ----

void draw_nms_view(DetectLab& lab, AppState& app) {
    widgets::Card card = widgets::begin_card("nms");
    widgets::heading(app, app.tr("det.nms_title"));
    widgets::muted_text_wrapped(app.tr("det.nms_hint"));
    ImGui::SetNextItemWidth(em() * 12.0f);
    if (ImGui::SliderFloat(app.label("det.nms_threshold"), &lab.nms_threshold, 0.05f, 0.95f, "%.2f")) lab.dirty = true;
    ImGui::SameLine();
    if (ImGui::Checkbox(app.label("det.per_class"), &lab.per_class)) lab.dirty = true;
    ImGui::SameLine();
    widgets::help_marker(app.tr("det.per_class_help"));
    if (lab.dirty) lab.recompute();
    step_buttons(app, lab.nms_shown, int(lab.trace.size()), app.tr("det.decision_count"), 0);
    char buf[512];

    // The decisions beside the photo when the column has room for both, else under it.
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool beside = avail > em() * 44.0f;
    const float W = float(kDetectionSampleWidth), H = float(kDetectionSampleHeight);
    photo_canvas(lab, app, W, H, true, beside ? avail - em() * 21.0f : 0.0f);
    const Canvas& c = lab.canvas;
    const NmsSample& s = lab.candidates;
    std::vector<int> state(s.boxes.size(), 0);  // 0 waiting, 1 kept, 2 suppressed
    for (int k = 0; k < lab.nms_shown; ++k) state[size_t(lab.trace[size_t(k)].index)] = lab.trace[size_t(k)].kept ? 1 : 2;
    clip_to_canvas(c, W, H);
    for (size_t i = 0; i < s.boxes.size(); ++i) {
        if (state[i] == 2) draw_box_dashed(c, s.boxes[i], col32(0xD0D4DA, 0.8f), 1.2f);
        else if (state[i] == 0) draw_box(c, s.boxes[i], col32(kClass[s.classes[i] & 1], 0.85f), 1.3f);
    }
    for (size_t i = 0; i < s.boxes.size(); ++i)
        if (state[i] == 1) draw_box(c, s.boxes[i], col32(kTp), 3.0f);
    if (lab.nms_shown > 0) {
        const NmsStep& cur = lab.trace[size_t(lab.nms_shown - 1)];
        const Box& b = s.boxes[size_t(cur.index)];
        if (!cur.kept) draw_box(c, s.boxes[size_t(cur.by)], col32(kTp), 3.5f);
        draw_box(c, b, col32(cur.kept ? kTp : kFp), 3.5f);
        std::snprintf(buf, sizeof buf, "#%d %.2f", cur.index, double(s.scores[size_t(cur.index)]));
        box_label(c, b, col32(cur.kept ? kTp : kFp), buf);
    }
    ImGui::GetWindowDrawList()->PopClipRect();
    begin_beside(beside);
    ImGui::TextDisabled("%s", app.tr("det.decisions"));
    // The latest decision first, so it is in view.
    for (int k = lab.nms_shown - 1; k >= 0; --k) {
        const NmsStep& st = lab.trace[size_t(k)];
        const char* cls = app.tr(s.classes[size_t(st.index)] ? "det.class_button" : "det.class_coin");
        if (st.kept)
            std::snprintf(buf, sizeof buf, app.tr("det.step_kept"), k + 1, st.index, double(s.scores[size_t(st.index)]), cls);
        else
            std::snprintf(buf, sizeof buf, app.tr("det.step_suppressed"), k + 1, st.index, double(s.scores[size_t(st.index)]),
                          cls, st.by, double(st.iou), double(lab.nms_threshold));
        widgets::colored_text_wrapped(st.kept ? kTp : k + 1 == lab.nms_shown ? kFp : kIgnored, buf);
    }
    if (lab.nms_shown == 0) widgets::muted_text_wrapped(app.tr("det.press_step"));
    end_beside(beside);
    widgets::legend_item(col32(kClass[0]), col32(kClass[0]), app.tr("det.class_coin"));
    for (const char* k : {"det.class_button", "det.kept", "det.suppressed"}) {
        widgets::flow_same_line(widgets::legend_width(app.tr(k)));
        const int colour = k[4] == 'c' ? kClass[1] : k[4] == 'k' ? kTp : 0xD0D4DA;
        widgets::legend_item(col32(colour), col32(colour), app.tr(k));
    }
    widgets::end_card(card);
}

// ---- Matching and the precision-recall curve ----

namespace {

const char* kind_key(MatchKind k) {
    switch (k) {
        case MatchKind::TruePositive: return "det.tp";
        case MatchKind::FalsePositive: return "det.fp";
        case MatchKind::Duplicate: return "det.dup";
        default: return "det.ignored";
    }
}
int kind_colour(MatchKind k) {
    return k == MatchKind::TruePositive ? kTp : k == MatchKind::FalsePositive ? kFp : k == MatchKind::Duplicate ? kDup : kIgnored;
}

// The PR points (dots) and the interpolated envelope (a step line), recall on x, precision on y.
void pr_chart(AppState& app, const PrCurve& pr, ImVec2 size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = em() * 2.2f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    const ImVec2 o(p.x + pad, p.y + size.y - pad);  // (recall 0, precision 0)
    const float w = size.x - pad * 1.5f, h = size.y - pad * 1.5f;
    auto at = [&](double r, double q) { return ImVec2(o.x + float(r) * w, o.y - float(q) * h); };
    dl->AddRectFilled(at(0, 1), at(1, 0), col32(0xFAFBFC));
    for (int i = 0; i <= 10; i += 2) {
        dl->AddLine(at(i / 10.0, 0), at(i / 10.0, 1), col32(colors::kGridLine, 0.6f));
        dl->AddLine(at(0, i / 10.0), at(1, i / 10.0), col32(colors::kGridLine, 0.6f));
        char t[8];
        std::snprintf(t, sizeof t, "%.1f", i / 10.0);
        dl->AddText(ImVec2(at(i / 10.0, 0).x - em() * 0.6f, o.y + 2), col32(colors::kMuted), t);
        dl->AddText(ImVec2(p.x, at(0, i / 10.0).y - em() * 0.5f), col32(colors::kMuted), t);
    }
    dl->AddText(ImVec2(o.x + w - ImGui::CalcTextSize(app.tr("det.recall")).x, o.y + em() * 1.0f), col32(colors::kMuted),
                app.tr("det.recall"));
    dl->AddText(ImVec2(o.x + 4, at(0, 1).y - em() * 1.1f), col32(colors::kMuted), app.tr("det.precision"));
    // The envelope: from each point's recall, its envelope value, stepping down at the next recall.
    std::vector<ImVec2> env;
    double prev_r = 0.0;
    for (size_t i = 0; i < pr.recall.size(); ++i) {
        env.push_back(at(prev_r, pr.envelope[i]));
        env.push_back(at(pr.recall[i], pr.envelope[i]));
        prev_r = pr.recall[i];
    }
    if (env.size() > 1) {
        for (size_t i = 0; i + 1 < env.size(); i += 2) dl->AddRectFilled(ImVec2(env[i].x, env[i].y), ImVec2(env[i + 1].x, o.y), col32(kTp, 0.12f));
        dl->AddPolyline(env.data(), int(env.size()), col32(kTp), 0, 2.5f);
    }
    std::vector<ImVec2> raw;
    for (size_t i = 0; i < pr.recall.size(); ++i) raw.push_back(at(pr.recall[i], pr.precision[i]));
    if (raw.size() > 1) dl->AddPolyline(raw.data(), int(raw.size()), col32(kBoxA, 0.7f), 0, 1.2f);
    for (const ImVec2& q : raw) dl->AddCircleFilled(q, 3.0f, col32(kBoxA));
}

}  // namespace

void draw_matching_view(DetectLab& lab, AppState& app) {
    widgets::Card card = widgets::begin_card("matching");
    widgets::heading(app, app.tr("det.match_title"));
    widgets::muted_text_wrapped(app.tr("det.match_hint"));
    const DetectionSet& set = lab.set;
    if (set.detectors.size() > 1) {
        for (size_t i = 0; i < set.detectors.size(); ++i) {
            if (i) ImGui::SameLine();
            const std::string key = "det.detector_" + set.detectors[i].name;
            if (ImGui::RadioButton(app.label(key.c_str()), lab.detector == int(i))) {
                lab.detector = int(i);
                lab.dirty = true;
            }
        }
    }
    if (set.gt.category_ids.size() > 1) {
        ImGui::SetNextItemWidth(em() * 8.0f);
        int c = int(std::find(set.gt.category_ids.begin(), set.gt.category_ids.end(), lab.category) - set.gt.category_ids.begin());
        if (widgets::slider_int("##category", &c, 0, int(set.gt.category_ids.size()) - 1, app.tr("det.category_fmt"))) {
            lab.category = set.gt.category_ids[size_t(c)];
            lab.dirty = true;
        }
    }
    ImGui::SetNextItemWidth(em() * 12.0f);
    if (ImGui::SliderFloat(app.label("det.match_threshold"), &lab.match_threshold, 0.05f, 0.95f, "%.2f")) lab.dirty = true;
    if (lab.dirty) lab.recompute();
    const int total = int(lab.matching.matches.size());
    lab.matches_shown = ImClamp(lab.matches_shown, 0, total);
    step_buttons(app, lab.matches_shown, total, app.tr("det.match_count"), lab.matching.positives);
    char buf[512];

    // The picture: the first image of the set, its ground truth and the detections matched so far.
    const int64_t image = set.gt.image_ids.empty() ? 0 : set.gt.image_ids.front();
    float W = float(kDetectionSampleWidth), H = float(kDetectionSampleHeight);
    if (!set.builtin) {
        W = H = 1.0f;
        for (const GtBox& g : set.gt.boxes)
            if (g.image_id == image) W = ImMax(W, float(g.x + g.w)), H = ImMax(H, float(g.y + g.h));
    }
    // The PR curve beside the photo when the column has room for both, else under it.
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool beside = avail > em() * 44.0f;
    photo_canvas(lab, app, W, H, set.builtin, beside ? avail - em() * 21.0f : 0.0f);
    const Canvas& c = lab.canvas;
    clip_to_canvas(c, W, H);
    for (const GtBox& g : set.gt.boxes)
        if (g.image_id == image && g.category_id == lab.category) draw_box(c, xywh(g.x, g.y, g.w, g.h), col32(kGt), 2.0f);
    const std::vector<DetBox>& dets = set.detectors[size_t(lab.detector)].dets;
    for (int k = 0; k < lab.matches_shown; ++k) {
        const DetMatch& m = lab.matching.matches[size_t(k)];
        const DetBox& d = dets[size_t(m.det)];
        if (d.image_id != image) continue;
        draw_box(c, xywh(d.x, d.y, d.w, d.h), col32(kind_colour(m.kind), k + 1 == lab.matches_shown ? 1.0f : 0.75f),
                 k + 1 == lab.matches_shown ? 3.0f : 1.5f);
    }
    ImGui::GetWindowDrawList()->PopClipRect();
    // The curve of the detections matched so far (the engine's pr_curve of the prefix), and its APs.
    VocMatching prefix = lab.matching;
    prefix.matches.resize(size_t(lab.matches_shown));
    const PrCurve pr = pr_curve(prefix);
    begin_beside(beside);
    ImGui::TextDisabled("%s", app.tr("det.pr_title"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("det.pr_help"));
    const float w = ImMin(ImGui::GetContentRegionAvail().x, em() * 30.0f);
    pr_chart(app, pr, ImVec2(w, w * 0.8f));
    std::snprintf(buf, sizeof buf, app.tr("det.pr_ap"), voc_ap_11point(pr), voc_ap_allpoint(pr));
    widgets::text_wrapped(buf);
    end_beside(beside);
    widgets::legend_item(col32(kGt), col32(kGt), app.tr("det.gt"));
    for (MatchKind k : {MatchKind::TruePositive, MatchKind::FalsePositive, MatchKind::Duplicate}) {
        widgets::flow_same_line(widgets::legend_width(app.tr(kind_key(k))));
        widgets::legend_item(col32(kind_colour(k)), col32(kind_colour(k)), app.tr(kind_key(k)));
    }
    widgets::end_card(card);
    ImGui::Spacing();

    card = widgets::begin_card("match_table");
    if (ImGui::BeginTable("##matches", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        for (const char* k : {"det.rank", "det.score", "det.iou", "det.result", "det.pr_point"})
            ImGui::TableSetupColumn(app.tr(k));
        ImGui::TableHeadersRow();
        size_t point = 0;
        for (int k = 0; k < lab.matches_shown; ++k) {
            const DetMatch& m = lab.matching.matches[size_t(k)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%d", k + 1);
            ImGui::TableNextColumn();
            ImGui::Text("%.3f", dets[size_t(m.det)].score);
            ImGui::TableNextColumn();
            ImGui::Text("%.3f", m.iou);
            ImGui::TableNextColumn();
            ImGui::TextColored(col4(kind_colour(m.kind)), "%s", app.tr(kind_key(m.kind)));
            ImGui::TableNextColumn();
            if (m.kind != MatchKind::Ignored && point < pr.recall.size()) {
                ImGui::Text("R %.3f  P %.3f", pr.recall[point], pr.precision[point]);
                ++point;
            }
        }
        ImGui::EndTable();
    }
    widgets::end_card(card);
}

// ---- AP, three ways ----

namespace {

void ap_cell(double v, bool best) {
    ImGui::TableNextColumn();
    if (v < 0) ImGui::TextDisabled("—");
    else if (best) ImGui::TextColored(col4(kTp), "%.3f ★", v);
    else ImGui::Text("%.3f", v);
}

}  // namespace

void draw_ap_view(DetectLab& lab, AppState& app) {
    widgets::Card card = widgets::begin_card("ap");
    widgets::heading(app, app.tr("det.ap_title"));
    widgets::muted_text_wrapped(app.tr("det.ap_hint"));
    ImGui::SetNextItemWidth(em() * 12.0f);
    if (ImGui::SliderFloat(app.label("det.match_threshold"), &lab.match_threshold, 0.05f, 0.95f, "%.2f")) lab.dirty = true;
    if (lab.dirty) lab.recompute();
    const auto& rows = lab.ap;
    const int cols = 9;
    // Per column, the best detector.
    auto value = [&](size_t r, int col) {
        const ApRow& a = rows[r];
        switch (col) {
            case 0: return a.voc.map07;
            case 1: return a.voc.map12;
            case 2: return a.coco.stats[0];
            case 3: return a.coco.stats[1];
            case 4: return a.coco.stats[2];
            case 5: return a.coco.stats[3];
            case 6: return a.coco.stats[4];
            default: return a.coco.stats[5];
        }
    };
    char h0[64], h1[64];
    std::snprintf(h0, sizeof h0, "VOC07 @%.2f", double(lab.match_threshold));
    std::snprintf(h1, sizeof h1, "VOC12 @%.2f", double(lab.match_threshold));
    const char* const heads[8] = {h0, h1, "COCO AP", "AP50", "AP75", "APs", "APm", "APl"};
    // One table of the detectors' columns [c0, c1).
    auto table = [&](const char* id, int c0, int c1) {
        if (!ImGui::BeginTable(id, 1 + c1 - c0, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp))
            return;
        ImGui::TableSetupColumn(app.tr("det.detector"));
        for (int col = c0; col < c1; ++col) ImGui::TableSetupColumn(heads[col]);
        ImGui::TableHeadersRow();
        for (size_t r = 0; r < rows.size(); ++r) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string key = "det.detector_" + lab.set.detectors[r].name;
            ImGui::TextUnformatted(lab.set.builtin ? app.tr(key.c_str()) : lab.set.detectors[r].name.c_str());
            for (int col = c0; col < c1; ++col) {
                bool best = rows.size() > 1;
                for (size_t o = 0; o < rows.size(); ++o) best = best && value(r, col) >= value(o, col);
                ap_cell(value(r, col), best);
            }
        }
        ImGui::EndTable();
    };
    // One table when the column is wide; VOC and COCO apart when it is narrow.
    if (ImGui::GetContentRegionAvail().x > em() * cols * 4.6f) {
        table("##ap", 0, 8);
    } else {
        table("##ap_voc", 0, 2);
        ImGui::Spacing();
        table("##ap_coco", 2, 8);
    }
    widgets::muted_text_wrapped(app.tr("det.ap_columns"));
    if (rows.size() > 1) {
        size_t voc_best = 0, coco_best = 0;
        for (size_t r = 1; r < rows.size(); ++r) {
            if (value(r, 1) > value(voc_best, 1)) voc_best = r;
            if (value(r, 2) > value(coco_best, 2)) coco_best = r;
        }
        const std::string kv = "det.detector_" + lab.set.detectors[voc_best].name;
        const std::string kc = "det.detector_" + lab.set.detectors[coco_best].name;
        char buf[512];
        std::snprintf(buf, sizeof buf, app.tr(voc_best == coco_best ? "det.ranking_same" : "det.ranking_flip"),
                      double(lab.match_threshold), app.tr(kv.c_str()), app.tr(kc.c_str()));
        widgets::colored_text_wrapped(voc_best == coco_best ? colors::kMuted : kFp, buf);
    }
    widgets::end_card(card);
    ImGui::Spacing();
    // mAP: per category at the threshold, then the mean.
    card = widgets::begin_card("map");
    {
        const size_t d = size_t(lab.detector < int(lab.set.detectors.size()) ? lab.detector : 0);
        const std::string key = "det.detector_" + lab.set.detectors[d].name;
        ImGui::TextDisabled("%s: %s", app.tr("det.map_title"),
                            lab.set.builtin ? app.tr(key.c_str()) : lab.set.detectors[d].name.c_str());
    }
    if (!rows.empty() && ImGui::BeginTable("##map", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(app.tr("det.category"));
        ImGui::TableSetupColumn("VOC07");
        ImGui::TableSetupColumn("VOC12");
        ImGui::TableHeadersRow();
        const VocSummary& v = rows[size_t(lab.detector < int(rows.size()) ? lab.detector : 0)].voc;
        for (size_t c = 0; c < v.category_ids.size(); ++c) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%lld", (long long)v.category_ids[c]);
            ap_cell(v.ap07[c], false);
            ap_cell(v.ap12[c], false);
        }
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted("mAP");
        ap_cell(v.map07, false);
        ap_cell(v.map12, false);
        ImGui::EndTable();
    }
    widgets::end_card(card);
}

// ---- Classification vs detection ----

void draw_detector_view(DetectLab&, AppState& app) {
    widgets::Card card = widgets::begin_card("detector");
    widgets::heading(app, app.tr("det.cls_title"));
    widgets::text_wrapped(app.tr("det.cls_text"));
    ImGui::Spacing();
    // A diagram: the shared backbone, then the two heads.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = ImMin(ImGui::GetContentRegionAvail().x, em() * 34.0f), e = em();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w, e * 9.0f));
    auto block = [&](float x0, float y0, float x1, float y1, int colour, const char* key) {
        const ImVec2 a(p.x + x0 * w, p.y + y0 * e), b(p.x + x1 * w, p.y + y1 * e);
        dl->AddRectFilled(a, b, col32(colour, 0.18f), 6.0f);
        dl->AddRect(a, b, col32(colour), 6.0f, 0, 1.5f);
        const char* t = app.tr(key);
        const float wrap = b.x - a.x - 8.0f;
        dl->AddText(nullptr, 0.0f, ImVec2(a.x + 4, a.y + 4), col32(0x1F2933), t, nullptr, wrap);
    };
    auto arrow = [&](float x0, float y0, float x1, float y1) {
        dl->AddLine(ImVec2(p.x + x0 * w, p.y + y0 * e), ImVec2(p.x + x1 * w, p.y + y1 * e), col32(colors::kMuted), 1.5f);
    };
    block(0.0f, 2.5f, 0.16f, 6.5f, colors::kMuted, "det.cls_image");
    block(0.22f, 2.5f, 0.46f, 6.5f, kBoxA, "det.cls_backbone");
    block(0.54f, 0.2f, 1.0f, 3.8f, kClass[1], "det.cls_head_class");
    block(0.54f, 5.0f, 1.0f, 8.8f, kTp, "det.cls_head_box");
    arrow(0.16f, 4.5f, 0.22f, 4.5f);
    arrow(0.46f, 4.5f, 0.54f, 2.0f);
    arrow(0.46f, 4.5f, 0.54f, 7.0f);
    widgets::text_wrapped(app.tr("det.cls_after"));
    if (ImGui::Button(app.label("det.open_network"))) app.requests.set_lab = LabId::Network;
    widgets::end_card(card);
}

}  // namespace ll::app
