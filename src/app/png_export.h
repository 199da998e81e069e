// "Export PNG": the active lab's page as a picture with the view's link printed under it, for slides.
// Nothing here blocks a frame: the request is noted (menu item, window.layerlab.exportPng()); the
// platform reads the panel's pixels right after drawing the next frame (png_export_capture); the link
// is printed under them from the UI font's own glyphs; the encoding runs in the Host (the browser's
// asynchronous image encoder; the desktop's stb_image_write), and once it is done the file goes out
// through Host::save_file. The reply of each step is in PngExport for the automation API.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "imgui.h"

namespace ll::app {

struct AppState;

struct PngExport {
    enum Phase { Idle, Wanted, Encoding, Done, Failed };
    Phase phase = Idle;
    int serial = 0;              // counts exports, so a caller can tell its own from an earlier one
    ImVec2 panel_min, panel_max; // the active lab's page last frame (logical pixels)
    int job = -1;                // the Host's encoding job
    int width = 0, height = 0;   // of the PNG (device pixels)
    size_t bytes = 0;
    std::string name, link, error;
};

// Asks for an export (the next frame is captured); returns its serial.
int png_export_request(AppState& app);
// Called by the platform after ImGui's draw data is rendered: whether a capture is wanted and of
// which rectangle, in framebuffer pixels (origin top left).
bool png_export_wanted(const AppState& app, float fb_scale, int& x, int& y, int& w, int& h);
// The platform's read pixels (RGBA, rows top to bottom, w x h): the link goes under them, the Host
// encodes.
void png_export_capture(AppState& app, std::vector<uint8_t> rgba, int w, int h, float fb_scale);
// Once a frame: an encoding that finished is saved through Host::save_file.
void png_export_poll(AppState& app);

// The link printed under a picture: rgba (w x h) gets white rows below with `text` in the UI font,
// wrapped at the width. Returns the new height. Uses the font atlas's pixels (glyphs drawn at scale).
int append_caption(std::vector<uint8_t>& rgba, int w, int h, const std::string& text, float fb_scale);

}  // namespace ll::app
