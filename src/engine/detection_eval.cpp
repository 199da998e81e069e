#include "engine/detection_eval.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>

#include "engine/model.h"

namespace ll {

namespace {

// ---- Parsing ----

std::string entry(const std::string& file, const char* list, size_t i) {
    return file + ": " + list + "[" + std::to_string(i) + "]: ";
}

Status get_key(const Json& obj, const char* key, const std::string& at, const Json*& out) {
    if (!obj.is_object()) return Status::error(at + "must be an object");
    out = obj.find(key);
    if (!out) return Status::error(at + "missing key \"" + key + "\"");
    return Status::ok();
}

// Ids are whole numbers; a double holds them exactly below 2^53.
Status get_id(const Json& obj, const char* key, const std::string& at, int64_t& out) {
    const Json* v = nullptr;
    LL_TRY(get_key(obj, key, at, v));
    const double d = v->is_number() ? v->as_number() : NAN;
    if (!(std::fabs(d) < 9007199254740992.0) || d != std::floor(d))
        return Status::error(at + "\"" + key + "\" must be a whole number");
    out = int64_t(d);
    return Status::ok();
}

Status get_finite(const Json& obj, const char* key, const std::string& at, double& out) {
    const Json* v = nullptr;
    LL_TRY(get_key(obj, key, at, v));
    if (!v->is_number()) return Status::error(at + "\"" + key + "\" must be a number");
    out = v->as_number();
    // The parser reads 1e400 as infinity; NaN cannot be written in JSON but is refused all the same.
    if (!std::isfinite(out)) return Status::error(at + "\"" + key + "\" must be a finite number");
    return Status::ok();
}

Status get_bbox(const Json& obj, const std::string& at, double& x, double& y, double& w, double& h) {
    const Json* v = nullptr;
    LL_TRY(get_key(obj, "bbox", at, v));
    if (!v->is_array() || v->size() != 4) return Status::error(at + "\"bbox\" must be [x, y, width, height]");
    double c[4];
    for (size_t i = 0; i < 4; ++i) {
        const Json& e = (*v)[i];
        if (!e.is_number() || !std::isfinite(e.as_number()))
            return Status::error(at + "\"bbox\" must hold four finite numbers");
        c[i] = e.as_number();
    }
    if (c[2] < 0) return Status::error(at + "\"bbox\": width " + Json::number(c[2]).dump() + " is negative");
    if (c[3] < 0) return Status::error(at + "\"bbox\": height " + Json::number(c[3]).dump() + " is negative");
    x = c[0], y = c[1], w = c[2], h = c[3];
    return Status::ok();
}

Status get_list(const Json& j, const char* key, const std::string& file, const Json*& out) {
    if (!j.is_object()) return Status::error(file + ": a COCO annotation file is an object with \"images\", \"annotations\" and \"categories\"");
    out = j.find(key);
    if (!out) return Status::error(file + ": missing key \"" + key + "\"");
    if (!out->is_array()) return Status::error(file + ": \"" + key + "\" must be an array");
    return Status::ok();
}

// ---- COCO ----

// numpy.linspace(.5, .95, 10) and (0, 1, 101), value for value: i * step + start, the last one exact.
// The recall thresholds are compared with tp / npig, so a threshold off by one ulp would move AP.
std::array<double, 10> iou_thresholds() {
    std::array<double, 10> t{};
    const double step = (0.95 - 0.5) / 9.0;
    for (int i = 0; i < 10; ++i) t[size_t(i)] = double(i) * step + 0.5;
    t[9] = 0.95;
    return t;
}
std::array<double, 101> recall_thresholds() {
    std::array<double, 101> r{};
    const double step = 1.0 / 100.0;
    for (int i = 0; i < 101; ++i) r[size_t(i)] = double(i) * step;
    r[100] = 1.0;
    return r;
}

constexpr int kT = 10, kR = 101, kA = 4;
constexpr int kMaxDets[3] = {1, 10, 100};
// all, small, medium, large; both ends inclusive, as COCOeval compares (area < lo or area > hi).
constexpr double kAreaLo[kA] = {0.0, 0.0, 32.0 * 32.0, 96.0 * 96.0};
constexpr double kAreaHi[kA] = {1e10, 32.0 * 32.0, 96.0 * 96.0, 1e10};

// evaluateImg's result for one image, category and area range.
struct ImageEval {
    bool present = false;  // COCOeval's None: neither gt nor detections
    std::vector<double> scores;                 // detections in rank order, at most 100
    std::vector<std::array<bool, kT>> matched;  // per detection and threshold
    std::vector<std::array<bool, kT>> ignored;
    int positives = 0;  // gt that is neither crowd nor outside the area range
};

ImageEval evaluate_image(const CocoGt& gt, const std::vector<DetBox>& dets, const std::vector<int>& g_idx,
                         const std::vector<int>& d_rank, const std::vector<double>& ious, int area,
                         const std::array<double, 10>& thr) {
    ImageEval e;
    if (g_idx.empty() && d_rank.empty()) return e;
    e.present = true;
    const size_t G = g_idx.size(), D = d_rank.size();
    // Ground truth that counts first, ignored after (a stable sort on the ignore flag).
    std::vector<int> gorder(G);
    std::vector<bool> g_ignore(G);
    for (size_t g = 0; g < G; ++g) {
        const GtBox& b = gt.boxes[size_t(g_idx[g])];
        g_ignore[g] = b.crowd || b.area < kAreaLo[area] || b.area > kAreaHi[area];
    }
    std::iota(gorder.begin(), gorder.end(), 0);
    std::stable_sort(gorder.begin(), gorder.end(), [&](int a, int b) { return !g_ignore[size_t(a)] && g_ignore[size_t(b)]; });
    for (size_t g = 0; g < G; ++g) e.positives += g_ignore[g] ? 0 : 1;
    e.scores.resize(D);
    e.matched.assign(D, {});
    e.ignored.assign(D, {});
    for (size_t d = 0; d < D; ++d) e.scores[d] = dets[size_t(d_rank[d])].score;
    for (int t = 0; t < kT; ++t) {
        std::vector<bool> g_taken(G, false);
        for (size_t d = 0; d < D; ++d) {
            double best = std::min(thr[size_t(t)], 1.0 - 1e-10);
            int m = -1;
            for (size_t k = 0; k < G; ++k) {
                const size_t g = size_t(gorder[k]);
                const bool crowd = gt.boxes[size_t(g_idx[g])].crowd;
                if (g_taken[g] && !crowd) continue;  // a crowd box takes any number of detections
                // Matched to a box that counts: ignored boxes (sorted last) cannot take it away.
                if (m > -1 && !g_ignore[size_t(m)] && g_ignore[g]) break;
                const double iou = ious[d * G + g];
                if (iou < best) continue;
                best = iou;
                m = int(g);
            }
            if (m == -1) continue;
            e.ignored[d][size_t(t)] = g_ignore[size_t(m)];
            e.matched[d][size_t(t)] = true;
            g_taken[size_t(m)] = true;
        }
    }
    // An unmatched detection outside the area range is not a false positive of this range.
    for (size_t d = 0; d < D; ++d) {
        const DetBox& b = dets[size_t(d_rank[d])];
        const double a = b.w * b.h;
        if (a < kAreaLo[area] || a > kAreaHi[area])
            for (int t = 0; t < kT; ++t)
                if (!e.matched[d][size_t(t)]) e.ignored[d][size_t(t)] = true;
    }
    return e;
}

// Indices sorted by descending score, ties in the given order (numpy's mergesort is stable).
void rank_desc(std::vector<int>& idx, const std::vector<double>& score_of) {
    std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return score_of[size_t(a)] > score_of[size_t(b)]; });
}

}  // namespace

// ---- Parsing ----

Status parse_coco_gt(const Json& j, const std::string& file, CocoGt& out) {
    out = CocoGt();
    const Json *images = nullptr, *anns = nullptr, *cats = nullptr;
    LL_TRY(get_list(j, "images", file, images));
    LL_TRY(get_list(j, "annotations", file, anns));
    LL_TRY(get_list(j, "categories", file, cats));
    std::set<int64_t> image_set, cat_set;
    for (size_t i = 0; i < images->size(); ++i) {
        int64_t id = 0;
        LL_TRY(get_id((*images)[i], "id", entry(file, "images", i), id));
        if (!image_set.insert(id).second) return Status::error(entry(file, "images", i) + "\"id\": duplicate image id " + std::to_string(id));
        out.image_ids.push_back(id);
    }
    for (size_t i = 0; i < cats->size(); ++i) {
        int64_t id = 0;
        LL_TRY(get_id((*cats)[i], "id", entry(file, "categories", i), id));
        if (!cat_set.insert(id).second) return Status::error(entry(file, "categories", i) + "\"id\": duplicate category id " + std::to_string(id));
        out.category_ids.push_back(id);
    }
    out.boxes.reserve(anns->size());
    for (size_t i = 0; i < anns->size(); ++i) {
        const Json& a = (*anns)[i];
        const std::string at = entry(file, "annotations", i);
        GtBox b;
        LL_TRY(get_id(a, "image_id", at, b.image_id));
        if (!image_set.count(b.image_id)) return Status::error(at + "\"image_id\": unknown image id " + std::to_string(b.image_id));
        LL_TRY(get_id(a, "category_id", at, b.category_id));
        if (!cat_set.count(b.category_id)) return Status::error(at + "\"category_id\": unknown category id " + std::to_string(b.category_id));
        LL_TRY(get_bbox(a, at, b.x, b.y, b.w, b.h));
        LL_TRY(get_finite(a, "area", at, b.area));
        if (b.area < 0) return Status::error(at + "\"area\" must not be negative");
        const Json* crowd = nullptr;
        LL_TRY(get_key(a, "iscrowd", at, crowd));
        if (crowd->is_bool()) b.crowd = crowd->as_bool();
        else if (crowd->is_number() && (crowd->as_number() == 0 || crowd->as_number() == 1)) b.crowd = crowd->as_number() == 1;
        else return Status::error(at + "\"iscrowd\" must be 0 or 1");
        out.boxes.push_back(b);
    }
    return Status::ok();
}

Status parse_coco_results(const Json& j, const std::string& file, const CocoGt& gt, std::vector<DetBox>& out) {
    out.clear();
    if (!j.is_array()) return Status::error(file + ": a COCO results file is an array of {image_id, category_id, bbox, score}");
    const std::set<int64_t> images(gt.image_ids.begin(), gt.image_ids.end());
    const std::set<int64_t> cats(gt.category_ids.begin(), gt.category_ids.end());
    out.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
        const Json& r = j[i];
        const std::string at = file + ": [" + std::to_string(i) + "]: ";
        DetBox d;
        LL_TRY(get_id(r, "image_id", at, d.image_id));
        if (!images.count(d.image_id)) return Status::error(at + "\"image_id\": unknown image id " + std::to_string(d.image_id) + " (not in the ground truth)");
        LL_TRY(get_id(r, "category_id", at, d.category_id));
        if (!cats.count(d.category_id)) return Status::error(at + "\"category_id\": unknown category id " + std::to_string(d.category_id) + " (not in the ground truth)");
        LL_TRY(get_bbox(r, at, d.x, d.y, d.w, d.h));
        LL_TRY(get_finite(r, "score", at, d.score));
        out.push_back(d);
    }
    return Status::ok();
}

Status load_coco_gt(const std::string& path, CocoGt& out) {
    std::string text;
    LL_TRY(read_file(path, text, kMaxDetectionFileBytes));
    Json j;
    LL_TRY(parse_json(text, j).with_context(path + ": "));
    return parse_coco_gt(j, path, out);
}

Status load_coco_results(const std::string& path, const CocoGt& gt, std::vector<DetBox>& out) {
    std::string text;
    LL_TRY(read_file(path, text, kMaxDetectionFileBytes));
    Json j;
    LL_TRY(parse_json(text, j).with_context(path + ": "));
    return parse_coco_results(j, path, gt, out);
}

// ---- COCO ----

double coco_iou(const DetBox& d, const GtBox& g, bool crowd) {
    const double w = std::min(d.x + d.w, g.x + g.w) - std::max(d.x, g.x);
    if (w <= 0) return 0.0;
    const double h = std::min(d.y + d.h, g.y + g.h) - std::max(d.y, g.y);
    if (h <= 0) return 0.0;
    const double inter = w * h;
    const double uni = crowd ? d.w * d.h : d.w * d.h + g.w * g.h - inter;
    return inter / uni;
}

const std::array<const char*, 12> kCocoStatNames = {"AP", "AP50", "AP75", "APs", "APm", "APl",
                                                    "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"};

CocoSummary coco_evaluate(const CocoGt& gt, const std::vector<DetBox>& dets) {
    const std::array<double, 10> thr = iou_thresholds();
    const std::array<double, 101> rec_thr = recall_thresholds();
    std::vector<int64_t> imgs = gt.image_ids, cats = gt.category_ids;
    std::sort(imgs.begin(), imgs.end());
    std::sort(cats.begin(), cats.end());
    std::map<int64_t, size_t> img_at, cat_at;
    for (size_t i = 0; i < imgs.size(); ++i) img_at[imgs[i]] = i;
    for (size_t k = 0; k < cats.size(); ++k) cat_at[cats[k]] = k;
    const size_t I = imgs.size(), K = cats.size();
    // Boxes grouped by (category, image), each in file order.
    std::vector<std::vector<int>> g_of(K * I), d_of(K * I);
    for (size_t i = 0; i < gt.boxes.size(); ++i)
        g_of[cat_at.at(gt.boxes[i].category_id) * I + img_at.at(gt.boxes[i].image_id)].push_back(int(i));
    for (size_t i = 0; i < dets.size(); ++i)
        d_of[cat_at.at(dets[i].category_id) * I + img_at.at(dets[i].image_id)].push_back(int(i));
    std::vector<double> det_score(dets.size());
    for (size_t i = 0; i < dets.size(); ++i) det_score[i] = dets[i].score;

    // Sums and counts of the entries each summary figure averages (summarize()'s mean over s > -1).
    std::array<double, 12> sum{};
    std::array<double, 12> count{};
    for (size_t k = 0; k < K; ++k) {
        // evaluateImg for every image and area range, with the 100 best detections.
        std::vector<ImageEval> ev(kA * I);
        for (size_t i = 0; i < I; ++i) {
            const std::vector<int>& g_idx = g_of[k * I + i];
            std::vector<int> d_rank = d_of[k * I + i];
            rank_desc(d_rank, det_score);
            if (d_rank.size() > size_t(kMaxDets[2])) d_rank.resize(size_t(kMaxDets[2]));
            std::vector<double> ious(d_rank.size() * g_idx.size());
            for (size_t d = 0; d < d_rank.size(); ++d)
                for (size_t g = 0; g < g_idx.size(); ++g) {
                    const GtBox& b = gt.boxes[size_t(g_idx[g])];
                    ious[d * g_idx.size() + g] = coco_iou(dets[size_t(d_rank[d])], b, b.crowd);
                }
            for (int a = 0; a < kA; ++a) ev[size_t(a) * I + i] = evaluate_image(gt, dets, g_idx, d_rank, ious, a, thr);
        }
        // accumulate(): detections of all images, each image's best maxDet, ranked together.
        for (int a = 0; a < kA; ++a) {
            for (int mi = 0; mi < 3; ++mi) {
                const size_t max_det = size_t(kMaxDets[mi]);
                std::vector<double> scores;
                std::vector<const ImageEval*> src;
                std::vector<size_t> pos;
                int npig = 0;
                bool any = false;
                for (size_t i = 0; i < I; ++i) {
                    const ImageEval& e = ev[size_t(a) * I + i];
                    if (!e.present) continue;
                    any = true;
                    npig += e.positives;
                    for (size_t d = 0; d < std::min(max_det, e.scores.size()); ++d) {
                        scores.push_back(e.scores[d]);
                        src.push_back(&e);
                        pos.push_back(d);
                    }
                }
                if (!any || npig == 0) continue;  // precision and recall stay -1
                std::vector<int> order(scores.size());
                std::iota(order.begin(), order.end(), 0);
                rank_desc(order, scores);
                const size_t nd = order.size();
                for (int t = 0; t < kT; ++t) {
                    std::vector<double> rc(nd), pr(nd);
                    double tp = 0, fp = 0;
                    for (size_t n = 0; n < nd; ++n) {
                        const size_t o = size_t(order[n]);
                        const bool m = src[o]->matched[pos[o]][size_t(t)], ig = src[o]->ignored[pos[o]][size_t(t)];
                        if (m && !ig) tp += 1;
                        if (!m && !ig) fp += 1;
                        rc[n] = tp / double(npig);
                        pr[n] = tp / (fp + tp + 2.220446049250313e-16);  // np.spacing(1)
                    }
                    const double recall = nd ? rc[nd - 1] : 0.0;
                    for (size_t n = nd; n-- > 1;)
                        if (pr[n] > pr[n - 1]) pr[n - 1] = pr[n];
                    // q[r]: the envelope's precision at the first point whose recall reaches rec_thr[r];
                    // 0 past the highest recall.
                    double qsum = 0;
                    size_t n = 0;
                    for (int r = 0; r < kR; ++r) {
                        while (n < nd && rc[n] < rec_thr[size_t(r)]) ++n;
                        if (n == nd) break;
                        qsum += pr[n];
                    }
                    auto add_ap = [&](int stat) { sum[size_t(stat)] += qsum; count[size_t(stat)] += kR; };
                    auto add_ar = [&](int stat) { sum[size_t(stat)] += recall; count[size_t(stat)] += 1; };
                    if (mi == 2) {
                        if (a == 0) {
                            add_ap(0);
                            if (t == 0) add_ap(1);
                            if (t == 5) add_ap(2);
                            add_ar(8);
                        } else {
                            add_ap(2 + a);
                            add_ar(8 + a);
                        }
                    } else if (a == 0) {
                        add_ar(6 + mi);
                    }
                }
            }
        }
    }
    CocoSummary s;
    for (size_t i = 0; i < 12; ++i) s.stats[i] = count[i] > 0 ? sum[i] / count[i] : -1.0;
    return s;
}

std::string coco_summary_text(const CocoSummary& s) {
    struct Line { bool ap; const char* iou; const char* area; int max_det; };
    static const Line lines[12] = {
        {true, "0.50:0.95", "all", 100}, {true, "0.50", "all", 100}, {true, "0.75", "all", 100},
        {true, "0.50:0.95", "small", 100}, {true, "0.50:0.95", "medium", 100}, {true, "0.50:0.95", "large", 100},
        {false, "0.50:0.95", "all", 1}, {false, "0.50:0.95", "all", 10}, {false, "0.50:0.95", "all", 100},
        {false, "0.50:0.95", "small", 100}, {false, "0.50:0.95", "medium", 100}, {false, "0.50:0.95", "large", 100}};
    std::string out;
    char buf[160];
    for (size_t i = 0; i < 12; ++i) {
        const Line& l = lines[i];
        // summarize()'s ' {:<18} {} @[ IoU={:<9} | area={:>6s} | maxDets={:>3d} ] = {:0.3f}'
        std::snprintf(buf, sizeof buf, " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %0.3f\n",
                      l.ap ? "Average Precision" : "Average Recall", l.ap ? "(AP)" : "(AR)", l.iou, l.area,
                      l.max_det, s.stats[i]);
        out += buf;
    }
    return out;
}

// ---- VOC ----

VocMatching voc_match(const CocoGt& gt, const std::vector<DetBox>& dets, int64_t category_id, double iou_threshold) {
    VocMatching out;
    std::map<int64_t, std::vector<int>> gt_of_image;
    for (size_t i = 0; i < gt.boxes.size(); ++i) {
        if (gt.boxes[i].category_id != category_id) continue;
        gt_of_image[gt.boxes[i].image_id].push_back(int(i));
        if (!gt.boxes[i].crowd) ++out.positives;
    }
    std::vector<int> order;
    std::vector<double> score(dets.size());
    for (size_t i = 0; i < dets.size(); ++i) {
        score[i] = dets[i].score;
        if (dets[i].category_id == category_id) order.push_back(int(i));
    }
    rank_desc(order, score);
    std::vector<bool> taken(gt.boxes.size(), false);
    for (int d : order) {
        DetMatch m;
        m.det = d;
        auto it = gt_of_image.find(dets[size_t(d)].image_id);
        double best = -1;
        if (it != gt_of_image.end())
            for (int g : it->second) {
                // Plain IoU for crowd boxes too: VOC's "difficult" boxes are ordinary boxes.
                const double iou = coco_iou(dets[size_t(d)], gt.boxes[size_t(g)], false);
                if (iou > best) best = iou, m.gt = g;  // the first of equal overlaps, as argmax
            }
        m.iou = std::max(best, 0.0);
        if (m.gt >= 0 && best >= iou_threshold) {
            if (gt.boxes[size_t(m.gt)].crowd) m.kind = MatchKind::Ignored;
            else if (!taken[size_t(m.gt)]) m.kind = MatchKind::TruePositive, taken[size_t(m.gt)] = true;
            else m.kind = MatchKind::Duplicate;
        }
        out.matches.push_back(m);
    }
    return out;
}

PrCurve pr_curve(const VocMatching& m) {
    PrCurve pr;
    double tp = 0, fp = 0;
    for (const DetMatch& d : m.matches) {
        if (d.kind == MatchKind::Ignored) continue;
        (d.kind == MatchKind::TruePositive ? tp : fp) += 1;
        pr.recall.push_back(m.positives > 0 ? tp / m.positives : 0.0);
        pr.precision.push_back(tp / (tp + fp));
    }
    pr.envelope = pr.precision;
    for (size_t n = pr.envelope.size(); n-- > 1;) pr.envelope[n - 1] = std::max(pr.envelope[n - 1], pr.envelope[n]);
    return pr;
}

double voc_ap_11point(const PrCurve& pr) {
    double ap = 0;
    for (int i = 0; i <= 10; ++i) {
        // i / 10 rather than i * 0.1: 3 * 0.1 is 0.30000000000000004, which a recall of exactly 3/10
        // would miss.
        const double t = double(i) / 10.0;
        double p = 0;
        for (size_t n = 0; n < pr.recall.size(); ++n)
            if (pr.recall[n] >= t) p = std::max(p, pr.precision[n]);
        ap += p / 11.0;
    }
    return ap;
}

double voc_ap_allpoint(const PrCurve& pr) {
    // VOCap: recall framed by 0 and 1, precision by 0 and 0; the envelope; the area of its steps.
    std::vector<double> mrec{0.0}, mpre{0.0};
    mrec.insert(mrec.end(), pr.recall.begin(), pr.recall.end());
    mpre.insert(mpre.end(), pr.precision.begin(), pr.precision.end());
    mrec.push_back(1.0);
    mpre.push_back(0.0);
    for (size_t n = mpre.size() - 1; n-- > 0;) mpre[n] = std::max(mpre[n], mpre[n + 1]);
    double ap = 0;
    for (size_t n = 0; n + 1 < mrec.size(); ++n)
        if (mrec[n + 1] != mrec[n]) ap += (mrec[n + 1] - mrec[n]) * mpre[n + 1];
    return ap;
}

VocSummary voc_evaluate(const CocoGt& gt, const std::vector<DetBox>& dets, double iou_threshold) {
    VocSummary s;
    s.category_ids = gt.category_ids;
    std::sort(s.category_ids.begin(), s.category_ids.end());
    double sum07 = 0, sum12 = 0;
    int n = 0;
    for (int64_t c : s.category_ids) {
        const VocMatching m = voc_match(gt, dets, c, iou_threshold);
        if (m.positives == 0) {
            s.ap07.push_back(-1);
            s.ap12.push_back(-1);
            continue;
        }
        const PrCurve pr = pr_curve(m);
        s.ap07.push_back(voc_ap_11point(pr));
        s.ap12.push_back(voc_ap_allpoint(pr));
        sum07 += s.ap07.back();
        sum12 += s.ap12.back();
        ++n;
    }
    if (n > 0) s.map07 = sum07 / n, s.map12 = sum12 / n;
    return s;
}

}  // namespace ll
