// A line chart for several series over a shared x axis (the Training lab's runs overlaid): y linear or
// log10, axis labels in the margins (never on the data, thinned to fit), dashed series, and a hover
// readout of every series at the x under the mouse.
#pragma once
#include <cmath>
#include <string>
#include <vector>

#include "imgui.h"

namespace ll::app::widgets {

struct ChartSeries {
    std::vector<double> x, y;  // y may hold NaN (a gap)
    ImU32 colour = 0;
    bool dashed = false;
    std::string label;         // in the hover readout
    bool markers = false;      // a dot on every point (a sweep's measured values)
};

struct ChartOptions {
    bool log_y = false;
    bool log_x = false;                // x > 0 on a log10 axis (labels in the data's units)
    const char* x_label = "";
    const char* y_format = "%.3g";
    double y_min = NAN, y_max = NAN;   // fixed range (NaN: from the data)
    double marker_x = NAN;             // a vertical line (e.g. the best epoch)
};

// Draws at the cursor, size in logical pixels; returns whether the mouse is over it.
bool line_chart(const char* id, ImVec2 size, const std::vector<ChartSeries>& series, const ChartOptions& opt);

// Exponential moving average of ys with weight alpha on the newest value (NaN kept as gaps).
std::vector<double> smooth(const std::vector<float>& ys, double alpha);

}  // namespace ll::app::widgets
