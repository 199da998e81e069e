// Detection lab: the page (a column of controls, then the chosen view), the data it evaluates (the
// built-in coins set of engine/detection_samples.h or a COCO pair the user opens), persistence and the
// automation report. The pictures are in detect_views.cpp; the maths is the engine's.
#include "app/panels/detect_lab.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "app/app.h"
#include "app/app_state.h"
#include "app/widgets/layout.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

const char* const kViewKeys[] = {"det.view_iou", "det.view_nms", "det.view_matching", "det.view_ap", "det.view_detector"};

std::string box_text(const Box& b) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.6g,%.6g,%.6g,%.6g", double(b.x1), double(b.y1), double(b.x2), double(b.y2));
    return buf;
}

bool parse_box(const std::string& s, Box& out) {
    float v[4];
    const char* p = s.c_str();
    for (int i = 0; i < 4; ++i) {
        char* end = nullptr;
        v[i] = std::strtof(p, &end);
        if (end == p || !std::isfinite(v[i])) return false;
        p = end;
        if (i < 3) {
            if (*p != ',') return false;
            ++p;
        }
    }
    if (v[2] < v[0] || v[3] < v[1]) return false;
    out = Box{v[0], v[1], v[2], v[3]};
    return true;
}

Json box_json(const Box& b) {
    Json a = Json::array();
    for (float f : {b.x1, b.y1, b.x2, b.y2}) a.push(Json::number(f));
    return a;
}

Json num_or_null(double v) { return v < 0 ? Json() : Json::exact(v); }

}  // namespace

DetectLab::DetectLab() {
    candidates = detection_sample_candidates();
    use_builtin();
}

void DetectLab::use_builtin() {
    set = DetectionSet();
    set.builtin = true;
    set.gt = detection_sample_ground_truth();
    set.detectors = {{"loose", detection_sample_loose()}, {"tight", detection_sample_tight()},
                     {"noisy", detection_sample_noisy()}};
    category = 1;
    detector = 0;
    dirty = true;
}

Status DetectLab::load_coco(const std::string& gt_name, const std::string& gt_text, const std::string& dt_name,
                            const std::string& dt_text) {
    Json gj, dj;
    Status st = parse_json(gt_text, gj);
    if (!st) st = Status::error(gt_name + ": " + st.message());
    DetectionSet next;
    if (st) st = parse_coco_gt(gj, gt_name, next.gt);
    if (st) {
        st = parse_json(dt_text, dj);
        if (!st) st = Status::error(dt_name + ": " + st.message());
    }
    Detector d;
    d.name = dt_name;
    if (st) st = parse_coco_results(dj, dt_name, next.gt, d.dets);
    if (!st) {
        load_error_ = st.message();  // the previous set stays
        return st;
    }
    load_error_.clear();
    next.builtin = false;
    next.gt_name = gt_name;
    next.dt_name = dt_name;
    next.detectors.push_back(std::move(d));
    set = std::move(next);
    category = set.gt.category_ids.empty() ? 0 : set.gt.category_ids.front();
    detector = 0;
    matches_shown = 1000000;
    dirty = true;
    return Status::ok();
}

Status DetectLab::take_file(const std::string& name, const std::string& text) {
    Json j;
    Status st = parse_json(text, j);
    if (!st) {
        load_error_ = name + ": " + st.message();
        return Status::error(load_error_);
    }
    if (j.is_object()) {  // an annotation file: keep it for the results list that follows
        CocoGt probe;
        st = parse_coco_gt(j, name, probe);
        if (!st) {
            load_error_ = st.message();
            return st;
        }
        load_error_.clear();
        gt_pending_name = name;
        gt_pending_text = text;
        return Status::ok();
    }
    if (gt_pending_name.empty()) {
        load_error_ = name + ": a results list needs its annotation file first (drop that one before)";
        return Status::error(load_error_);
    }
    st = load_coco(gt_pending_name, gt_pending_text, name, text);
    if (st) {
        gt_pending_name.clear();
        gt_pending_text.clear();
    }
    return st;
}

bool app_open_file(AppState& app, const std::string& path) {
    if (app.lab != LabId::Detection) return false;
    const size_t slash = path.find_last_of('/');
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    if (name.size() < 5 || name.compare(name.size() - 5, 5, ".json") != 0) return false;
    DetectLab& lab = *detect_lab(app);
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    const std::streamoff size = f ? std::streamoff(f.tellg()) : -1;
    Status st = Status::ok();
    if (size < 0) {
        st = Status::error(name + ": could not be read");
    } else if (uint64_t(size) > kMaxDetectionFileBytes) {
        st = Status::error(name + ": the file is " + std::to_string(size) + " bytes; at most " +
                           std::to_string(kMaxDetectionFileBytes) + " are read for this kind of file");
    } else {
        f.seekg(0);
        std::ostringstream ss;
        ss << f.rdbuf();
        st = lab.take_file(name, ss.str());
    }
    if (!st) {
        lab.set_load_error(st.message());
        if (app.host) app.host->announce(st.message());
    }
    return true;
}

void DetectLab::recompute() {
    dirty = false;
    trace = nms_trace(candidates.boxes, candidates.scores, nms_threshold, per_class ? &candidates.classes : nullptr);
    if (nms_shown > int(trace.size())) nms_shown = int(trace.size());
    if (detector >= int(set.detectors.size())) detector = 0;
    matching = voc_match(set.gt, set.detectors[size_t(detector)].dets, category, match_threshold);
    ap.clear();
    for (const Detector& d : set.detectors) {
        ApRow r;
        r.coco = coco_evaluate(set.gt, d.dets);
        r.voc = voc_evaluate(set.gt, d.dets, match_threshold);
        r.voc50 = voc_evaluate(set.gt, d.dets, 0.5);
        ap.push_back(std::move(r));
    }
}

// ---- Persistence and automation ----

void DetectLab::save_params(Params& p) const {
    p.set_int("v", int(view));
    p.set("a", box_text(box_a));
    p.set("b", box_text(box_b));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", double(nms_threshold));
    p.set("nt", buf);
    p.set_bool("pc", per_class);
    p.set_int("k", nms_shown);
    std::snprintf(buf, sizeof buf, "%.4g", double(match_threshold));
    p.set("mt", buf);
    p.set_int("md", detector);
    p.set_int("n", matches_shown);
}

void DetectLab::load_params(const Params& p) {
    int v = 0;
    if (p.get_int("v", v, 0, int(DetView::Count) - 1)) view = DetView(v);
    Box b;
    if (const std::string* s = p.find("a"); s && parse_box(*s, b)) box_a = b;
    if (const std::string* s = p.find("b"); s && parse_box(*s, b)) box_b = b;
    p.get_float("nt", nms_threshold, 0.0f, 1.0f);
    p.get_bool("pc", per_class);
    p.get_int("k", nms_shown, 0, 100000);
    p.get_float("mt", match_threshold, 0.05f, 0.95f);
    p.get_int("md", detector, 0, 16);
    p.get_int("n", matches_shown, 0, 1000000);
    dirty = true;
}

Json DetectLab::report() const {
    if (dirty) const_cast<DetectLab*>(this)->recompute();  // a report right after a change is current
    Json r = Json::object();
    r.set("view", Json::string(kViewKeys[int(view)] + 4));
    Json iou = Json::object();
    iou.set("a", box_json(box_a));
    iou.set("b", box_json(box_b));
    const IouParts parts = box_iou_parts(box_a, box_b);
    iou.set("area_a", Json::number(parts.area_a));
    iou.set("area_b", Json::number(parts.area_b));
    iou.set("intersection", Json::number(parts.intersection));
    iou.set("union", Json::number(parts.uni));
    iou.set("iou", std::isfinite(parts.iou) ? Json::number(parts.iou) : Json());
    r.set("iou", iou);
    Json cv = Json::object();
    cv.set("shown", Json::boolean(canvas.shown));
    cv.set("x", Json::number(canvas.x));
    cv.set("y", Json::number(canvas.y));
    cv.set("scale", Json::number(canvas.scale));
    r.set("canvas", cv);
    Json nms = Json::object();
    nms.set("threshold", Json::number(nms_threshold));
    nms.set("per_class", Json::boolean(per_class));
    nms.set("shown", Json::number(nms_shown));
    Json kept = Json::array(), steps = Json::array();
    for (const NmsStep& s : trace) {
        if (s.kept) kept.push(Json::number(s.index));
        Json o = Json::object();
        o.set("index", Json::number(s.index));
        o.set("kept", Json::boolean(s.kept));
        o.set("by", Json::number(s.by));
        o.set("iou", Json::number(s.iou));
        steps.push(o);
    }
    nms.set("keep", kept);
    Json cb = Json::array(), cs = Json::array(), cc = Json::array();
    for (size_t i = 0; i < candidates.boxes.size(); ++i) {
        cb.push(box_json(candidates.boxes[i]));
        cs.push(Json::number(candidates.scores[i]));
        cc.push(Json::number(candidates.classes[i]));
    }
    nms.set("boxes", cb);
    nms.set("scores", cs);
    nms.set("classes", cc);
    nms.set("steps", steps);
    r.set("nms", nms);
    Json data = Json::object();
    data.set("builtin", Json::boolean(set.builtin));
    data.set("gt", Json::string(set.gt_name));
    data.set("dt", Json::string(set.dt_name));
    data.set("gt_boxes", Json::number(double(set.gt.boxes.size())));
    data.set("error", load_error_.empty() ? Json() : Json::string(load_error_));
    r.set("data", data);
    Json m = Json::object();
    m.set("threshold", Json::number(match_threshold));
    m.set("detector", Json::number(detector));
    m.set("category", Json::number(double(category)));
    m.set("positives", Json::number(matching.positives));
    m.set("shown", Json::number(matches_shown));
    Json kinds = Json::array();
    const char* const names[] = {"tp", "fp", "duplicate", "ignored"};
    for (const DetMatch& d : matching.matches) kinds.push(Json::string(names[int(d.kind)]));
    m.set("kinds", kinds);
    r.set("matching", m);
    Json table = Json::array();
    for (size_t i = 0; i < ap.size(); ++i) {
        Json o = Json::object();
        o.set("name", Json::string(set.detectors[i].name));
        Json coco = Json::object();
        for (size_t k = 0; k < kCocoStatNames.size(); ++k) coco.set(kCocoStatNames[k], Json::exact(ap[i].coco.stats[k]));
        o.set("coco", coco);
        Json v07 = Json::object(), v12 = Json::object();
        for (size_t c = 0; c < ap[i].voc50.category_ids.size(); ++c) {
            const std::string id = std::to_string(ap[i].voc50.category_ids[c]);
            v07.set(id, num_or_null(ap[i].voc50.ap07[c]));
            v12.set(id, num_or_null(ap[i].voc50.ap12[c]));
        }
        o.set("voc07", v07);
        o.set("voc12", v12);
        o.set("mAP_voc07", num_or_null(ap[i].voc50.map07));
        o.set("mAP_voc12", num_or_null(ap[i].voc50.map12));
        o.set("mAP_voc07_at_t", num_or_null(ap[i].voc.map07));
        o.set("mAP_voc12_at_t", num_or_null(ap[i].voc.map12));
        table.push(o);
    }
    r.set("ap", table);
    return r;
}

// ---- Page ----

namespace {

void draw_controls(DetectLab& lab, AppState& app) {
    widgets::heading(app, app.tr("det.title"));
    widgets::muted_text_wrapped(app.tr("det.subtitle"));
    ImGui::Spacing();
    for (int v = 0; v < int(DetView::Count); ++v) {
        if (ImGui::RadioButton(app.label(kViewKeys[v]), lab.view == DetView(v))) lab.view = DetView(v);
    }
    ImGui::Separator();
    ImGui::TextDisabled("%s", app.tr("det.data"));
    char buf[512];
    if (lab.set.builtin) {
        widgets::text_wrapped(app.tr("det.data_builtin"));
    } else {
        std::snprintf(buf, sizeof buf, app.tr("det.data_user"), lab.set.gt_name.c_str(), lab.set.dt_name.c_str(),
                      int(lab.set.gt.boxes.size()), int(lab.set.detectors[0].dets.size()));
        widgets::text_wrapped(buf);
        if (ImGui::Button(app.label("det.use_builtin"))) lab.use_builtin();
    }
    widgets::muted_text_wrapped(app.tr("det.open_hint"));
    if (app.host && app.host->can_open_file_picker() && ImGui::Button(app.label("det.open"))) app.host->open_file_picker();
    if (!lab.gt_pending_name.empty()) {
        std::snprintf(buf, sizeof buf, app.tr("det.waiting_results"), lab.gt_pending_name.c_str());
        widgets::muted_text_wrapped(buf);
    }
    if (!lab.load_error().empty()) {
        widgets::error_text_wrapped(app.tr("det.load_failed"));
        widgets::engine_error(app, lab.load_error());
    }
}

}  // namespace

void DetectLab::draw(AppState& app) {
    if (dirty) recompute();
    canvas.shown = false;
    const bool stacked = widgets::lab_columns(app, 0.24f, 15.0f, 20.0f, 26.0f, "##detect_main",
                                              [&] { draw_controls(*this, app); });
    ImGui::PushTextWrapPos(0.0f);
    switch (view) {
        case DetView::Iou: draw_iou_view(*this, app); break;
        case DetView::Nms: draw_nms_view(*this, app); break;
        case DetView::Matching: draw_matching_view(*this, app); break;
        case DetView::ApTable: draw_ap_view(*this, app); break;
        default: draw_detector_view(*this, app); break;
    }
    ImGui::PopTextWrapPos();
    widgets::end_column(stacked);
    if (dirty) recompute();
}

DetectLab* detect_lab(AppState& app) { return static_cast<DetectLab*>(&app.lab_at(LabId::Detection)); }

LabPtr make_detect_lab() { return std::make_unique<DetectLab>(); }

}  // namespace ll::app
