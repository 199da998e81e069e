// UI strings of the Detection lab: one row per key, English then Korean (see strings.h).
#include "app/strings/strings.h"

#include <iterator>

namespace ll::app::strings {

namespace {

const Entry kRows[] = {
    {"det.title", "Detection metrics", "객체 탐지 지표"},
    {"det.subtitle",
     "How detectors are scored: IoU, non-maximum suppression, matching, precision-recall and AP as VOC and "
     "COCO compute it. Every number comes from the engine (the same code as `layerlab detect-eval`).",
     "탐지기의 점수를 매기는 방법: IoU, 비최대 억제(NMS), 매칭, 정밀도-재현율, 그리고 VOC와 COCO가 계산하는 "
     "AP. 모든 숫자는 엔진이 계산합니다(`layerlab detect-eval`과 같은 코드)."},
    {"det.view_iou", "IoU", "IoU"},
    {"det.view_nms", "Non-maximum suppression", "비최대 억제 (NMS)"},
    {"det.view_matching", "Matching, PR curve", "매칭, PR 곡선"},
    {"det.view_ap", "AP: VOC and COCO", "AP: VOC와 COCO"},
    {"det.view_detector", "Classification vs detection", "분류와 탐지"},
    {"det.data", "Data", "데이터"},
    {"det.data_builtin",
     "Built in: the 24 coins of coins.png, boxed by hand, and three made-up detectors (loose, tight and noisy).",
     "내장 데이터: coins.png의 동전 24개(직접 그린 상자)와 가상의 탐지기 세 개(느슨한, 빡빡한, 잡음 많은)."},
    {"det.data_user", "Opened: %s and %s (%d ground-truth boxes, %d detections).",
     "열린 파일: %s, %s (정답 상자 %d개, 탐지 %d개)."},
    {"det.use_builtin", "Back to the coins", "동전 데이터로 돌아가기"},
    {"det.open_hint",
     "Your own COCO pair: drop the annotation file (images, annotations, categories), then the results list "
     "(image_id, category_id, bbox, score) on the page.",
     "직접 만든 COCO 파일 쌍: 주석 파일(images, annotations, categories)을 먼저, 그다음 결과 목록(image_id, "
     "category_id, bbox, score)을 페이지에 끌어다 놓으세요."},
    {"det.open", "Open files…", "파일 열기…"},
    {"det.waiting_results", "%s read; now the results list.", "%s 읽음. 이제 결과 목록을 주세요."},
    {"det.load_failed", "The files could not be read; the previous data is kept.",
     "파일을 읽을 수 없습니다. 이전 데이터를 그대로 둡니다."},
    // ---- IoU ----
    {"det.iou_title", "Intersection over union", "교집합 대 합집합 (IoU)"},
    {"det.iou_hint", "Drag a box to move it; drag its bottom-right square to resize it.",
     "상자를 끌어 옮기고, 오른쪽 아래 네모를 끌어 크기를 바꾸세요."},
    {"det.iou_demo", "Two equal boxes at IoU 0.5", "IoU 0.5인 같은 크기 상자 두 개"},
    {"det.iou_demo_help",
     "Two 90×90 boxes, one shifted by 30 pixels: I = 60·90 = 5400, U = 8100 + 8100 − 5400 = 10800, IoU = 0.5. "
     "Yet each box has 5400 / 8100 = two thirds of its area inside the other.",
     "90×90 상자 두 개, 하나를 30픽셀 옮김: I = 60·90 = 5400, U = 8100 + 8100 − 5400 = 10800, IoU = 0.5. "
     "그런데 각 상자 넓이의 5400 / 8100 = 3분의 2가 다른 상자 안에 있습니다."},
    {"det.iou_boxes", "A = [%g, %g, %g, %g], B = [%g, %g, %g, %g] (x1, y1, x2, y2 in pixels)",
     "A = [%g, %g, %g, %g], B = [%g, %g, %g, %g] (x1, y1, x2, y2, 픽셀)"},
    {"det.intersection", "intersection", "교집합"},
    {"det.iou_cover", "The intersection covers %.1f%% of A and %.1f%% of B.",
     "교집합은 A의 %.1f%%, B의 %.1f%%를 덮습니다."},
    {"det.iou_two_thirds",
     "IoU divides by the union, which counts both boxes: for two equal boxes, IoU 0.5 already means each "
     "overlaps the other by two thirds, and IoU 0.95 needs near pixel-perfect boxes.",
     "IoU는 두 상자를 모두 포함하는 합집합으로 나눕니다. 같은 크기의 두 상자라면 IoU 0.5는 이미 서로 3분의 2씩 "
     "겹친다는 뜻이고, IoU 0.95는 거의 픽셀 단위로 정확해야 합니다."},
    // ---- NMS ----
    {"det.nms_title", "Non-maximum suppression", "비최대 억제 (NMS)"},
    {"det.nms_hint",
     "A detector proposes many overlapping boxes. NMS takes them in descending score: the best one is kept, "
     "and every later box whose IoU with a kept box is above the threshold is suppressed.",
     "탐지기는 서로 겹치는 상자를 많이 냅니다. NMS는 점수가 높은 순서로 보며, 가장 좋은 상자를 남기고 남긴 상자와 "
     "IoU가 임계값보다 큰 뒤의 상자를 지웁니다."},
    {"det.nms_threshold", "IoU threshold", "IoU 임계값"},
    {"det.per_class", "Per class", "클래스별"},
    {"det.per_class_help",
     "Per class (torchvision's batched_nms): boxes of different classes never suppress each other, so the "
     "\"button\" boxes on two coins survive. Off: one NMS over all boxes removes them.",
     "클래스별(torchvision의 batched_nms): 다른 클래스의 상자는 서로 지우지 않으므로, 동전 두 개 위의 \"단추\" "
     "상자가 남습니다. 끄면 모든 상자에 NMS를 한 번 적용해 지워집니다."},
    {"det.back", "Back", "뒤로"},
    {"det.step", "Step", "한 단계"},
    {"det.all", "All", "전부"},
    {"det.reset", "Reset", "처음으로"},
    {"det.decision_count", "decision %d of %d", "결정 %d / %d"},
    {"det.class_coin", "coin", "동전"},
    {"det.class_button", "button", "단추"},
    {"det.kept", "kept", "남김"},
    {"det.suppressed", "suppressed", "지워짐"},
    {"det.decisions", "Decisions, in descending score", "점수 내림차순 결정"},
    {"det.step_kept", "%d. box #%d (score %.2f, %s): kept", "%d. 상자 #%d (점수 %.2f, %s): 남김"},
    {"det.step_suppressed", "%d. box #%d (score %.2f, %s): suppressed by #%d, IoU %.3f > %.2f",
     "%d. 상자 #%d (점수 %.2f, %s): #%d에 의해 지워짐, IoU %.3f > %.2f"},
    {"det.press_step", "Press Step to take the first decision.", "한 단계를 눌러 첫 결정을 보세요."},
    // ---- Matching ----
    {"det.match_title", "Matching detections to ground truth", "탐지를 정답에 매칭하기"},
    {"det.match_hint",
     "The detections of a class, over all images in descending score, each against the ground-truth box it "
     "overlaps most: IoU at or above the threshold with a box not yet taken is a true positive, with a box "
     "already taken a duplicate (counted as a false positive), below it a false positive.",
     "한 클래스의 탐지를 모든 이미지에 걸쳐 점수 내림차순으로, 가장 많이 겹치는 정답 상자와 비교합니다. IoU가 "
     "임계값 이상이고 아직 짝이 없는 상자면 참 양성, 이미 짝이 있으면 중복(거짓 양성으로 셈), 임계값 미만이면 거짓 "
     "양성입니다."},
    {"det.detector_loose", "Loose detector", "느슨한 탐지기"},
    {"det.detector_tight", "Tight detector", "빡빡한 탐지기"},
    {"det.detector_noisy", "Noisy detector", "잡음 많은 탐지기"},
    {"det.category_fmt", "category %d", "카테고리 %d"},
    {"det.match_threshold", "IoU threshold##match", "IoU 임계값##match"},
    {"det.match_count", "%d of %d detections matched; %d ground-truth boxes", "탐지 %d / %d개 매칭됨, 정답 상자 %d개"},
    {"det.gt", "ground truth", "정답"},
    {"det.tp", "true positive", "참 양성"},
    {"det.fp", "false positive", "거짓 양성"},
    {"det.dup", "duplicate", "중복"},
    {"det.ignored", "ignored (crowd)", "무시 (crowd)"},
    {"det.pr_title", "Precision-recall curve", "정밀도-재현율 곡선"},
    {"det.pr_help",
     "After each detection: precision = TP / (TP + FP), recall = TP / ground-truth boxes (dots). The green "
     "step line is the interpolated envelope: at each recall, the best precision at that recall or beyond. "
     "VOC2010+ AP is the area under it; VOC2007 averages it at recall 0, 0.1, ..., 1.",
     "탐지 하나마다: 정밀도 = TP / (TP + FP), 재현율 = TP / 정답 상자 수(점). 초록 계단선은 보간된 포락선으로, 각 "
     "재현율에서 그 재현율 이상의 최고 정밀도입니다. VOC2010+ AP는 그 아래 넓이, VOC2007은 재현율 0, 0.1, ..., 1에서의 "
     "평균입니다."},
    {"det.recall", "recall", "재현율"},
    {"det.precision", "precision", "정밀도"},
    {"det.pr_ap", "So far: VOC07 11-point AP %.4f, VOC12 all-point AP %.4f", "지금까지: VOC07 11점 AP %.4f, VOC12 전체 점 AP %.4f"},
    {"det.rank", "rank", "순위"},
    {"det.score", "score", "점수"},
    {"det.iou", "IoU", "IoU"},
    {"det.result", "result", "결과"},
    {"det.pr_point", "point", "점"},
    // ---- AP ----
    {"det.ap_title", "AP three ways, side by side", "세 가지 AP 비교"},
    {"det.ap_hint",
     "VOC scores at one IoU threshold (0.5 in VOC; move it here). COCO's AP is the mean over ten thresholds "
     "0.5, 0.55, ..., 0.95, each interpolated at 101 recall points. A detector with loose boxes can win at 0.5 "
     "and lose at COCO's stricter thresholds.",
     "VOC는 IoU 임계값 하나(VOC에서는 0.5, 여기서 바꿀 수 있음)로 점수를 냅니다. COCO의 AP는 임계값 0.5, 0.55, ..., "
     "0.95 열 개의 평균이며, 각각 재현율 101개 점에서 보간합니다. 상자가 느슨한 탐지기는 0.5에서는 이기고 COCO의 더 "
     "엄격한 임계값에서는 질 수 있습니다."},
    {"det.detector", "detector", "탐지기"},
    {"det.ap_columns",
     "VOC07: 11-point, VOC12: all-point, at the slider's IoU. COCO AP: AP@[.5:.95], 101-point; AP50 and AP75 "
     "at one threshold; APs, APm, APl for small (< 32²), medium and large (≥ 96²) objects. ★ best.",
     "VOC07: 11점, VOC12: 전체 점, 슬라이더의 IoU에서. COCO AP: AP@[.5:.95], 101점. AP50, AP75는 임계값 하나. "
     "APs, APm, APl은 작은(< 32²), 중간, 큰(≥ 96²) 물체. ★ 최고."},
    {"det.ranking_flip", "At IoU %.2f VOC ranks the %s first, but COCO's AP@[.5:.95] ranks the %s first.",
     "IoU %.2f에서 VOC는 %s를 1등으로, COCO의 AP@[.5:.95]는 %s를 1등으로 매깁니다."},
    {"det.ranking_same", "At IoU %.2f VOC ranks the %s first, and COCO's AP@[.5:.95] agrees (%s).",
     "IoU %.2f에서 VOC는 %s를 1등으로 매기고, COCO의 AP@[.5:.95]도 같습니다(%s)."},
    {"det.map_title", "mAP, the mean of the classes' APs at the slider's IoU (the matching view's detector)", "mAP, 슬라이더의 IoU에서 클래스별 AP의 평균 (매칭 화면의 탐지기)"},
    {"det.category", "category", "카테고리"},
    // ---- Classification vs detection ----
    {"det.cls_title", "What a detector adds to a classifier", "탐지기가 분류기에 더하는 것"},
    {"det.cls_text",
     "A classifier maps the whole image to one class. A detector keeps the same convolutional backbone and "
     "its feature maps, and adds heads that read them at every location: class scores there, and four "
     "numbers that move an anchor box onto the object.",
     "분류기는 이미지 전체를 클래스 하나로 바꿉니다. 탐지기는 같은 합성곱 백본과 특징 맵을 그대로 쓰고, 모든 위치에서 "
     "특징을 읽는 헤드를 더합니다. 그 위치의 클래스 점수와, 앵커 상자를 물체 위로 옮기는 숫자 네 개입니다."},
    {"det.cls_image", "image", "이미지"},
    {"det.cls_backbone", "conv backbone (shared feature maps)", "합성곱 백본 (공유 특징 맵)"},
    {"det.cls_head_class", "classifier: global pool + linear → one class", "분류기: 전역 풀링 + 선형 → 클래스 하나"},
    {"det.cls_head_box", "detector: per location, class scores + box (4 numbers) → NMS → boxes",
     "탐지기: 위치마다 클래스 점수 + 상자(숫자 4개) → NMS → 상자들"},
    {"det.cls_after",
     "Training adds a box loss beside the class loss; scoring needs everything on this page: IoU to match, "
     "NMS to remove duplicates, and AP over the ranked detections.",
     "학습에는 클래스 손실 옆에 상자 손실이 더해지고, 평가에는 이 페이지의 모든 것이 필요합니다. 매칭하는 IoU, 중복을 "
     "지우는 NMS, 순위 매긴 탐지에 대한 AP입니다."},
    {"det.open_network", "Open the Network lab", "네트워크 실험실 열기"},
};

}  // namespace

Table detection() { return {kRows, std::size(kRows)}; }

}  // namespace ll::app::strings
