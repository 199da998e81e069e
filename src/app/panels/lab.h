// Lab: one tab of the app. A lab is a struct of UI-only state (sliders, play/pause, picture ids)
// that draws its page and owns nothing the other labs need; shared things (the model, the trainer)
// live in AppState. app_frame() calls, once per frame and in this order:
//   handle_requests() on every lab   (requests set by panels or the automation API)
//   compute(budget_ms) on the active lab   (long jobs sliced so no frame blocks)
//   draw() on the active lab, inside the full-window content area below the tab bar
// Frames are only drawn while something happens: input, a request, or wants_frames() of the active
// lab (an animation, a training job).
// The view state a reload should restore goes through save_params/load_params (URL hash and local
// storage, e.g. "k=5&s=1&p=2"); report() gives the numbers the automation API returns.
#pragma once
#include <memory>

#include "app/params.h"
#include "engine/json.h"

namespace ll::app {

struct AppState;

class Lab {
public:
    virtual ~Lab() = default;
    // Once, after every lab exists and before load_params: a lab keeps what it reads of the app's state.
    virtual void attach(AppState&) {}
    virtual void handle_requests(AppState&) {}
    virtual void compute(AppState&, double /*budget_ms*/) {}
    virtual void draw(AppState& app) = 0;
    // True while the lab needs frames without any input: an animation playing, a job computing.
    // (When no lab does and nothing happens, the platform stops drawing to save the CPU/GPU.)
    virtual bool wants_frames() const { return false; }

    virtual void save_params(Params&) const {}
    virtual void load_params(const Params&) {}
    // window.layerlab.<name>State(): the lab's computed numbers as a JSON object.
    virtual Json report() const { return Json::object(); }
};

using LabPtr = std::unique_ptr<Lab>;

// The factories named in panels/labs.def.
#define LAB(id, name, title_key, factory) LabPtr factory();
#include "app/panels/labs.def"
#undef LAB

}  // namespace ll::app
