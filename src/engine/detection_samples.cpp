// See detection_samples.h. Coin boxes are [x, y, w, h] in coins.png's pixels, row by row, left to right.
#include "engine/detection_samples.h"

namespace ll {

namespace {

constexpr int kCoinCount = 24;
constexpr double kCoins[kCoinCount][4] = {
    {22, 35, 46, 40}, {80, 38, 40, 38}, {131, 28, 48, 46}, {192, 28, 48, 44}, {254, 33, 42, 40}, {305, 14, 60, 58},
    {24, 103, 44, 42}, {83, 106, 40, 38}, {133, 108, 40, 38}, {185, 104, 42, 42}, {245, 94, 52, 50}, {316, 104, 40, 38},
    {24, 178, 40, 38}, {80, 173, 44, 44}, {135, 178, 40, 40}, {188, 170, 50, 50}, {250, 172, 48, 46}, {314, 155, 66, 64},
    {18, 232, 56, 58}, {92, 244, 44, 42}, {144, 236, 54, 52}, {220, 240, 48, 46}, {275, 238, 52, 50}, {335, 248, 44, 44}};

// Coin i with the same centre and each side times s.
DetBox scaled(int i, double s, double score) {
    DetBox d;
    d.image_id = 1;
    d.category_id = 1;
    d.w = kCoins[i][2] * s;
    d.h = kCoins[i][3] * s;
    d.x = kCoins[i][0] + kCoins[i][2] / 2 - d.w / 2;
    d.y = kCoins[i][1] + kCoins[i][3] / 2 - d.h / 2;
    d.score = score;
    return d;
}

// A candidate around coin i: shifted by (dx, dy) and grown by (dw, dh) pixels.
struct Candidate {
    int coin;
    float dx, dy, dw, dh, score;
    int cls;
};
constexpr Candidate kCandidates[] = {
    {5, 0, 0, 0, 0, 0.96f, 0},   {5, 6, -4, 4, 2, 0.88f, 0},   {5, -9, 5, -6, 2, 0.74f, 0},
    {5, 18, 10, -10, -8, 0.52f, 0}, {5, 2, 1, 2, 0, 0.41f, 1},
    {10, 1, 1, -2, 0, 0.91f, 0}, {10, -5, 4, 6, 2, 0.83f, 0},  {10, 14, -6, -4, 6, 0.62f, 0},
    {10, -22, 0, -8, 2, 0.35f, 0},
    {17, -2, 2, 2, -2, 0.94f, 0}, {17, 8, 8, -6, -4, 0.79f, 0}, {17, -12, -10, 8, 10, 0.57f, 0},
    {17, 0, 0, 4, 4, 0.66f, 1},  {17, 30, 24, -26, -24, 0.48f, 0},
    {9, 0, 0, 0, 0, 0.86f, 0},   {15, 3, -3, -2, 2, 0.81f, 0}, {16, -4, 2, 4, 0, 0.72f, 0},
};

}  // namespace

CocoGt detection_sample_ground_truth() {
    CocoGt gt;
    gt.image_ids = {1};
    gt.category_ids = {1};
    for (int i = 0; i < kCoinCount; ++i) {
        GtBox g;
        g.image_id = 1;
        g.category_id = 1;
        g.x = kCoins[i][0];
        g.y = kCoins[i][1];
        g.w = kCoins[i][2];
        g.h = kCoins[i][3];
        g.area = g.w * g.h;
        gt.boxes.push_back(g);
    }
    return gt;
}

std::vector<DetBox> detection_sample_loose() {
    std::vector<DetBox> d;
    for (int i = 0; i < kCoinCount; ++i) d.push_back(scaled(i, 1.28, 0.95 - 0.01 * i));
    return d;
}

std::vector<DetBox> detection_sample_tight() {
    std::vector<DetBox> d;
    for (int i = 0; i < kCoinCount; ++i)
        if (i % 4 != 3) d.push_back(scaled(i, 1.05, 0.9 - 0.01 * i));
    return d;
}

std::vector<DetBox> detection_sample_noisy() {
    std::vector<DetBox> d;
    for (int i = 0; i < kCoinCount; ++i)
        if (i % 5 != 4) d.push_back(scaled(i, 1.1, 0.97 - 0.03 * i));
    // False alarms on the background: [x, y, w, h], score.
    constexpr double kAlarms[6][5] = {{0, 282, 20, 20, 0.93}, {362, 92, 22, 20, 0.76}, {100, 0, 30, 16, 0.61},
                                      {226, 150, 18, 14, 0.47}, {300, 130, 16, 16, 0.31}, {150, 290, 30, 12, 0.2}};
    for (const auto& a : kAlarms) {
        DetBox b;
        b.image_id = 1;
        b.category_id = 1;
        b.x = a[0];
        b.y = a[1];
        b.w = a[2];
        b.h = a[3];
        b.score = a[4];
        d.push_back(b);
    }
    for (int i : {0, 7, 13}) d.push_back(scaled(i, 1.2, 0.52 - 0.05 * (i % 4)));  // duplicates
    return d;
}

NmsSample detection_sample_candidates() {
    NmsSample s;
    for (const Candidate& c : kCandidates) {
        const double* k = kCoins[c.coin];
        Box b;
        b.x1 = float(k[0]) + c.dx - c.dw / 2;
        b.y1 = float(k[1]) + c.dy - c.dh / 2;
        b.x2 = float(k[0] + k[2]) + c.dx + c.dw / 2;
        b.y2 = float(k[1] + k[3]) + c.dy + c.dh / 2;
        s.boxes.push_back(b);
        s.scores.push_back(c.score);
        s.classes.push_back(c.cls);
    }
    return s;
}

}  // namespace ll
