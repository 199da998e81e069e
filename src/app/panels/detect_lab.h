// Detection lab, shared between its files:
//   detect_lab.cpp    the page: controls, data (the built-in coins set or a COCO pair the user opens),
//                     persistence, the automation report
//   detect_views.cpp  the pictures: the photo with boxes, the IoU view (drag and resize two boxes), the
//                     NMS view (the engine's trace, one decision at a time), matching and the PR curve,
//                     the AP table, classification vs detection
// Every number comes from the engine (boxes.h, detection_eval.h); the lab only draws and lists them.
// URL / storage keys: v (view), a b (the IoU boxes "x1,y1,x2,y2"), nt pc k (NMS threshold, per class,
// decisions shown), mt md n (matching threshold, detector, detections shown).
#pragma once
#include <string>
#include <vector>

#include "app/panels/lab.h"
#include "engine/boxes.h"
#include "engine/detection_eval.h"
#include "engine/detection_samples.h"
#include "engine/status.h"

namespace ll::app {

enum class DetView { Iou, Nms, Matching, ApTable, Detector, Count };

struct Detector {
    std::string name;
    std::vector<DetBox> dets;
};

// The set the matching and AP views evaluate.
struct DetectionSet {
    bool builtin = true;          // the coins of coins.png; else a COCO pair the user opened
    std::string gt_name, dt_name; // file names ("" for the built-in set)
    CocoGt gt;
    std::vector<Detector> detectors;
};

// The engine's figures for one detector, recomputed when the set or the threshold changes.
struct ApRow {
    CocoSummary coco;
    VocSummary voc;       // at the lab's matching threshold
    VocSummary voc50;     // at 0.5 (VOC's own)
};

// Where the photo was drawn last frame (for the automation API and the browser test's mouse drags).
struct Canvas {
    float x = 0, y = 0, scale = 1;  // screen position of photo pixel (0, 0); screen px per photo px
    bool shown = false;
};

class DetectLab final : public Lab {
public:
    DetectLab();
    void draw(AppState& app) override;
    void save_params(Params& p) const override;
    void load_params(const Params& p) override;
    Json report() const override;

    // A COCO annotation file and results list as text (file picker, drop, automation). On an error the
    // previous set stays and load_error() says why (the engine's message, naming file, entry and key).
    Status load_coco(const std::string& gt_name, const std::string& gt_text, const std::string& dt_name,
                     const std::string& dt_text);
    // One dropped or picked file: an annotation file (an object with "annotations") waits for its
    // results list (an array), then both load.
    Status take_file(const std::string& name, const std::string& text);
    void use_builtin();
    const std::string& load_error() const { return load_error_; }
    void set_load_error(const std::string& e) { load_error_ = e; }

    // ---- State (read by detect_views.cpp) ----
    DetView view = DetView::Iou;
    Box box_a{60, 60, 150, 140}, box_b{100, 90, 190, 170};
    int drag = -1;        // 0/1 box a/b moved, 2/3 resized (bottom-right corner), -1 none
    float grab_x = 0, grab_y = 0;
    NmsSample candidates;
    float nms_threshold = 0.5f;
    bool per_class = true;
    int nms_shown = 0;    // decisions shown, 0 .. trace size
    std::vector<NmsStep> trace;
    float match_threshold = 0.5f;
    int detector = 0;
    int matches_shown = 1000;
    DetectionSet set;
    int64_t category = 1;
    VocMatching matching;
    std::vector<ApRow> ap;  // one per detector
    Canvas canvas;
    int photo_image = -1;   // Host image of coins.png
    bool photo_tried = false;
    std::string gt_pending_name, gt_pending_text;  // a dropped annotation file waiting for its results

    void recompute();       // trace, matching, ap from the state above
    bool dirty = true;

private:
    std::string load_error_;
};

// detect_views.cpp
void draw_iou_view(DetectLab& lab, AppState& app);
void draw_nms_view(DetectLab& lab, AppState& app);
void draw_matching_view(DetectLab& lab, AppState& app);
void draw_ap_view(DetectLab& lab, AppState& app);
void draw_detector_view(DetectLab& lab, AppState& app);

DetectLab* detect_lab(AppState& app);  // the lab of AppState (automation)

}  // namespace ll::app
