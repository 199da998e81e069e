// The app shell: the lab table (panels/labs.def), requests, the view state kept in the URL hash and
// local storage, and the full-window layout (menu bar, tab bar, the active lab's page).
// Each frame: user edits of the URL hash -> requests -> the active lab's compute budget -> draw ->
// save the view state (throttled: browsers limit history.replaceState to a few calls a second).
#include "app/app.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "app/inputs.h"
#include "app/lesson_controls.h"
#include "app/panels/lesson_panel.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

struct LabEntry {
    LabId id;
    const char* name;
    const char* title_key;
    LabPtr (*make)();
};

const LabEntry kLabs[] = {
#define LAB(id, name, title_key, factory) {LabId::id, name, title_key, factory},
#include "app/panels/labs.def"
#undef LAB
};
static_assert(sizeof(kLabs) / sizeof(kLabs[0]) == size_t(kLabCount), "one entry per lab");

constexpr float kZoomSteps[] = {0.875f, 1.0f, 1.125f, 1.25f};
constexpr const char* kZoomKeys[] = {"menu.text_small", "menu.text_normal", "menu.text_large", "menu.text_larger"};
constexpr double kSaveInterval = 0.3;  // seconds between URL / storage writes

const char* kStoreView = "layerlab.view";
const char* kStoreLang = "layerlab.lang";
const char* kStoreZoom = "layerlab.zoom";
const char* kStoreFold = "layerlab.fold";
const char* kStoreProjector = "layerlab.projector";
const char* kStoreMotion = "layerlab.reduced_motion";
const char* kStoreColorblind = "layerlab.colorblind";
// Projector mode's text sizes: 1.5x and 2x.
constexpr float kProjectorZooms[] = {1.5f, 2.0f};
std::string lab_store_key(LabId id) { return std::string("layerlab.lab.") + lab_name(id); }

// ---- View state: "lab=arithmetic&k=5&s=1&p=2" ----

std::string view_state(const AppState& app) {
    Params p;
    p.set("lab", lab_name(app.lab));
    p.set("lang", lang_code(app.lang));
    app.labs[size_t(app.lab)]->save_params(p);
    lesson_save_params(app, p);
    return p.format();
}

// The keys whose change makes a new history entry, so that Back returns to the view before it: the
// lab, the language and the Network lab's network and kind of input. Everything else (a slider, a
// step) replaces the current entry.
constexpr const char* kHistoryKeys[] = {"lab", "lang", "preset", "model", "src", "lesson", "step"};

std::string history_signature(const std::string& state) {
    const Params p = Params::parse(state);
    std::string sig;
    for (const char* k : kHistoryKeys) {
        const std::string* v = p.find(k);
        sig += std::string(k) + "=" + (v ? *v : "") + "\n";
    }
    return sig;
}

// An address stays short enough for every browser, mail program and chat: a state longer than this
// keeps its network (model=) only in this browser's storage and the address says "too-long".
constexpr size_t kMaxAddress = 6000;

std::string address_form(const std::string& state) {
    if (state.size() <= kMaxAddress) return state;
    Params p = Params::parse(state);
    if (p.has("model")) p.set("model", "too-long");
    p.set("ids", "");
    return p.format();
}

// The view to open: the address, unless it names a network that only this browser's storage holds.
std::string starting_view(Host& host) {
    const std::string address = host.url_hash();
    const std::string stored = host.storage_get(kStoreView);
    if (address.empty()) return stored;
    const Params a = Params::parse(address), b = Params::parse(stored);
    const std::string* model = a.find("model");
    if (model && *model == "too-long" && b.find("model") && a.find("preset") && b.find("preset") &&
        *a.find("preset") == *b.find("preset"))
        return stored;
    return address;
}

void restore_view(AppState& app, const std::string& text) {
    const Params p = Params::parse(text);
    // A lesson step first (it sets its own view); what else the address holds then applies on top,
    // so Back returns to the step as the student left it.
    lesson_restore(app, p);
    LabId id;
    if (const std::string* name = p.find("lab"); name && parse_lab(*name, id)) {
        app.lab = id;
        app.requests.set_lab.reset();
    }
    Lang lang;
    if (const std::string* code = p.find("lang"); code && parse_lang(*code, lang) && lang != app.lang) app.requests.set_lang = lang;
    app.lab_at(app.lab).load_params(p);
}

// The view the address now shows was restored from it: it is what the address holds, so the next
// save compares with it (and a Back is not answered by a new entry).
void adopt_address(AppState& app, const std::string& text) {
    app.shell.saved_state = text;
    app.shell.saved_signature = text.empty() ? std::string() : history_signature(text);
}

void save_view(AppState& app, bool force) {
    const std::string s = view_state(app);
    if (s == app.shell.saved_state) {
        app.shell.pending_state.clear();
        return;
    }
    const double now = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
    if (!force && app.shell.saved_at >= 0.0 && now - app.shell.saved_at < kSaveInterval) {
        app.shell.pending_state = s;  // keeps frames coming until it is written
        return;
    }
    app.shell.pending_state.clear();
    const std::string sig = history_signature(s);
    const std::string address = address_form(s);
    if (sig != app.shell.saved_signature && !app.shell.saved_signature.empty()) app.host->push_url_hash(address);
    else app.host->set_url_hash(address);
    app.shell.saved_signature = sig;
    app.host->storage_set(kStoreView, s);
    Params lab_only;
    app.lab_at(app.lab).save_params(lab_only);
    app.host->storage_set(lab_store_key(app.lab), lab_only.format());
    app.shell.saved_state = s;
    app.shell.saved_at = now;
}

// ---- Menu bar ----

// Two-state switch drawn as adjacent small buttons; returns true when the inactive one is clicked.
bool segment_button(const char* text, bool active) {
    if (active) {
        ImGui::PushStyleColor(ImGuiCol_Button, col4(colors::kAccent));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, col4(colors::kAccent));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, col4(colors::kAccent));
        ImGui::PushStyleColor(ImGuiCol_Text, col4(0xFFFFFF));
    }
    const bool clicked = ImGui::Button(text) && !active;
    if (active) ImGui::PopStyleColor(4);
    return clicked;
}

void draw_menu_bar(AppState& app) {
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(em() * 0.6f, em() * 0.5f));
    if (!ImGui::BeginMainMenuBar()) {
        ImGui::PopStyleVar();
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kAccent));
    widgets::heading(app, "LayerLab");
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(em() * 0.5f, 0.0f));
    if (ImGui::BeginMenu(app.label("menu.view"))) {
        ImGui::TextDisabled("%s", app.tr("menu.text_size"));
        for (size_t i = 0; i < sizeof(kZoomSteps) / sizeof(kZoomSteps[0]); ++i) {
            if (ImGui::MenuItem(app.label(kZoomKeys[i]), nullptr, std::fabs(app.ui_zoom - kZoomSteps[i]) < 0.01f)) {
                app.requests.set_ui_zoom = kZoomSteps[i];
                app.requests.set_projector = false;
            }
        }
        ImGui::Separator();
        ImGui::TextDisabled("%s", app.tr("menu.projector"));
        for (float z : kProjectorZooms) {
            char buf[96];
            std::snprintf(buf, sizeof buf, app.tr("menu.projector_fmt"), double(z));
            if (ImGui::MenuItem(buf, nullptr, app.projector && std::fabs(app.ui_zoom - z) < 0.01f)) {
                app.requests.set_ui_zoom = z;
                app.requests.set_projector = true;
            }
        }
        if (ImGui::MenuItem(app.label("menu.reduced_motion"), nullptr, app.reduced_motion))
            app.requests.set_reduced_motion = !app.reduced_motion;
        if (ImGui::MenuItem(app.label("menu.colorblind"), nullptr, app.colorblind))
            app.requests.set_colorblind = !app.colorblind;
        ImGui::EndMenu();
    }
    draw_lesson_menu(app);
    if (ImGui::BeginMenu(app.label("menu.help"))) {
        if (ImGui::MenuItem(app.label("menu.about"))) app.shell.show_about = true;
        ImGui::EndMenu();
    }
    if (ImGui::MenuItem(app.label("menu.copy_link"))) app_copy_link(app);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.tr("menu.copy_link_help"));
    if (ImGui::MenuItem(app.label("menu.export_png"))) png_export_request(app);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.tr("menu.export_png_help"));
    if (app.shell.link_copied_at >= 0.0 && ImGui::GetTime() - app.shell.link_copied_at < 2.5) {
        ImGui::PushStyleColor(ImGuiCol_Text, col4(colors::kGood));
        ImGui::TextUnformatted(app.tr("menu.link_copied"));
        ImGui::PopStyleColor();
        app_wake(app);  // the confirmation goes away by itself
    }

    // Right side: frame time, then the language switch.
    char ms[64];
    std::snprintf(ms, sizeof ms, app.tr("menu.frame_fmt"), double(app.frame_ms));
    const ImGuiStyle& st = ImGui::GetStyle();
    const float button_w = ImGui::CalcTextSize("EN").x + ImGui::CalcTextSize(app.tr("menu.korean")).x + st.FramePadding.x * 4.0f;
    const float right = ImGui::CalcTextSize(ms).x + em() * 1.2f + button_w + 2.0f + em() * 0.6f;
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - right);
    ImGui::TextDisabled("%s", ms);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.tr("menu.frame_time"));
    ImGui::SameLine(0.0f, em() * 1.2f);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(2.0f, st.ItemSpacing.y));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(st.FramePadding.x, em() * 0.2f));
    if (segment_button("EN", app.lang == Lang::En)) app.requests.set_lang = Lang::En;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.tr("menu.language"));
    ImGui::SameLine();
    if (segment_button(app.tr("menu.korean"), app.lang == Lang::Ko)) app.requests.set_lang = Lang::Ko;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.tr("menu.language"));
    ImGui::PopStyleVar(2);
    ImGui::EndMainMenuBar();
    ImGui::PopStyleVar();
}

// ---- Main window: tab bar and the active lab ----

void draw_labs(AppState& app) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float panel = lesson_panel_width(app);
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x - panel, vp->WorkSize.y));
    // No background: the platform clears to the same colour, and software renderers (SwiftShader in
    // headless browsers) pay for every full-window layer.
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoBackground;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em() * 1.0f, em() * 0.6f));
    ImGui::Begin("##layerlab", nullptr, flags);
    ImGui::PopStyleVar(2);

    // A lab chosen by a request (automation, URL) is passed to ImGui with SetSelected; ImGui shows it
    // from the next frame on, so until then the visible tab is not taken as the user's choice.
    const bool forcing = app.shell.tab_visible != int(app.lab);
    int visible = -1;
    if (ImGui::BeginTabBar("##labs", ImGuiTabBarFlags_FittingPolicyScroll)) {
        for (const LabEntry& e : kLabs) {
            const ImGuiTabItemFlags tf = (forcing && e.id == app.lab) ? ImGuiTabItemFlags_SetSelected : 0;
            ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(em() * 0.9f, em() * 0.45f));
            const bool open = ImGui::BeginTabItem(app.label(e.title_key), nullptr, tf);
            ImGui::PopStyleVar();
            if (!open) continue;
            visible = int(e.id);
            ImGui::Dummy(ImVec2(0.0f, em() * 0.15f));
            ImGui::BeginChild("##lab", ImVec2(0.0f, 0.0f), false, ImGuiWindowFlags_NoBackground);
            app.lab_at(e.id).draw(app);
            ImGui::EndChild();
            app.png.panel_min = ImGui::GetItemRectMin();  // what "Export PNG" captures
            app.png.panel_max = ImGui::GetItemRectMax();
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    if (!forcing && visible >= 0 && visible != int(app.lab)) app.requests.set_lab = LabId(visible);
    app.shell.tab_visible = visible;
    ImGui::End();
    if (panel > 0.0f)
        draw_lesson_panel(app, ImVec2(vp->WorkPos.x + vp->WorkSize.x - panel, vp->WorkPos.y), ImVec2(panel, vp->WorkSize.y));
}

// The marks of the step shown; after a wrong answer also the controls its hint points at.
controls::Marks step_marks(const AppState& app) {
    controls::Marks m;
    const LessonStep* s = app.lessons.step_shown();
    if (!s) return m;
    m.highlight = s->highlight;
    m.lock = s->lock;
    m.hide = s->hide;
    if (s->has_checkpoint && app.lessons.answered && !app.lessons.correct && !app.lessons.pending)
        m.highlight.insert(m.highlight.end(), s->checkpoint.hint_highlight.begin(), s->checkpoint.hint_highlight.end());
    return m;
}

void draw_about(AppState& app) {
    if (app.shell.show_about) {
        ImGui::OpenPopup("##about");
        app.shell.show_about = false;
    }
    const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(em() * 32.0f, 0.0f));
    if (!ImGui::BeginPopupModal("##about", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize)) return;
    widgets::heading(app, app.tr("about.title"));
    ImGui::Spacing();
    widgets::text_wrapped(app.tr("about.body"));
    ImGui::Spacing();
    widgets::text_wrapped(app.tr("about.state"));
    ImGui::Spacing();
    const std::string gfx = std::string(app.tr("about.graphics")) + ": " + app.host->graphics_info();
    widgets::muted_text_wrapped(gfx.c_str());
    ImGui::Spacing();
    if (ImGui::Button(app.label("about.close"), ImVec2(em() * 6.0f, 0.0f)) || ImGui::IsKeyPressed(ImGuiKey_Escape))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace

std::string app_view_state(const AppState& app) { return view_state(app); }

const char* lab_name(LabId lab) { return kLabs[size_t(lab)].name; }
const char* lab_title_key(LabId lab) { return kLabs[size_t(lab)].title_key; }

bool parse_lab(const std::string& name, LabId& out) {
    for (const LabEntry& e : kLabs) {
        if (name == e.name) { out = e.id; return true; }
    }
    return false;
}

void app_apply_requests(AppState& app) {
    Requests& r = app.requests;
    if (r.set_lab) {
        if (*r.set_lab != app.lab) {
            save_view(app, true);  // the lab being left keeps its settings in storage
            app.lab = *r.set_lab;
        }
        r.set_lab.reset();
    }
    if (r.set_lang) {
        app.lang = *r.set_lang;
        app.host->storage_set(kStoreLang, lang_code(app.lang));
        r.set_lang.reset();
    }
    if (r.set_ui_zoom) {
        app.ui_zoom = *r.set_ui_zoom;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.3f", app.ui_zoom);
        app.host->storage_set(kStoreZoom, buf);
        r.set_ui_zoom.reset();
    }
    if (r.set_projector) {
        app.projector = *r.set_projector;
        app.host->storage_set(kStoreProjector, app.projector ? "1" : "0");
        r.set_projector.reset();
    }
    if (r.set_reduced_motion) {
        app.reduced_motion = *r.set_reduced_motion;
        app.host->storage_set(kStoreMotion, app.reduced_motion ? "1" : "0");
        r.set_reduced_motion.reset();
    }
    if (r.set_colorblind) {
        app.colorblind = *r.set_colorblind;
        app.host->storage_set(kStoreColorblind, app.colorblind ? "1" : "0");
        app.host->set_colorblind_maps(app.colorblind);
        r.set_colorblind.reset();
    }
    if (r.fold_controls) {
        app.shell.controls_folded = *r.fold_controls;
        app.host->storage_set(kStoreFold, app.shell.controls_folded ? "1" : "0");
        r.fold_controls.reset();
    }
    for (LabPtr& lab : app.labs) lab->handle_requests(app);
}

const char* AppState::tr_maps(const char* key) const {
    if (colorblind) {
        const std::string twin = std::string(key) + "_cvd";
        if (has_key(twin.c_str())) return ll::app::tr(lang, twin.c_str());
    }
    return tr(key);
}

void app_init(AppState& app, Host& host) {
    app.host = &host;
    app.labs.clear();
    for (const LabEntry& e : kLabs) app.labs.push_back(e.make());
    for (LabPtr& lab : app.labs) lab->attach(app);

    Lang lang;
    if (parse_lang(host.storage_get(kStoreLang), lang) || parse_lang(host.preferred_language(), lang)) app.lang = lang;
    const std::string zoom = host.storage_get(kStoreZoom);
    if (!zoom.empty()) {
        const float z = std::strtof(zoom.c_str(), nullptr);
        if (z >= 0.75f && z <= 2.0f) app.ui_zoom = z;
    }
    app.projector = host.storage_get(kStoreProjector) == "1";
    app.reduced_motion = host.storage_get(kStoreMotion) == "1";
    app.colorblind = host.storage_get(kStoreColorblind) == "1";
    host.set_colorblind_maps(app.colorblind);
    for (const LabEntry& e : kLabs) app.lab_at(e.id).load_params(Params::parse(host.storage_get(lab_store_key(e.id))));
    app.shell.controls_folded = host.storage_get(kStoreFold) == "1";
    app.inputs.attach(host);
    app.inputs.restore_pictures(host);
    app.training.restore(host);
    app.sweep.restore(host);
    lessons_load_builtin(app);
    restore_view(app, starting_view(host));
    adopt_address(app, host.url_hash());
}

void app_frame(AppState& app) {
    widgets::set_slider_hint(app.tr("widget.slider_hint"));
    if (app.host->url_hash_changed_by_user()) {
        const std::string hash = app.host->url_hash();
        restore_view(app, hash);
        adopt_address(app, hash);
    }
    app_apply_requests(app);
    app.inputs.poll();  // a whole test set fetched on demand arrives between frames
    png_export_poll(app);
    app.lab_at(app.lab).compute(app, app.compute_budget_ms);

    const float dt_ms = ImGui::GetIO().DeltaTime * 1000.0f;
    if (dt_ms < 250.0f)  // the first frame after an idle pause says nothing about drawing speed
        app.frame_ms = app.frame_ms <= 0.0f ? dt_ms : app.frame_ms * 0.95f + dt_ms * 0.05f;

    lesson_keys(app);
    controls::begin_frame(step_marks(app));
    draw_menu_bar(app);
    draw_labs(app);
    draw_about(app);
    draw_lesson_notice(app);
    controls::end_frame(app.reduced_motion, ImMax(2.0f, em() * (app.projector ? 0.25f : 0.15f)));
    app_narrate(app);

    save_view(app, false);
    if (app.lab == LabId::Training) {
        app.progress_drawn_at = widgets::steady_seconds();
        app.progress_undrawn = false;
    }
    ++app.frame;
    if (app.frame >= 2) app.ready = true;
    if (app.redraw > 0) --app.redraw;
}

bool app_wants_frames(const AppState& app) {
    if (!app.ready || app.redraw > 0) return true;
    if (app.labs[size_t(app.lab)]->wants_frames()) return true;
    const Requests& r = app.requests;
    if (r.set_lab || r.set_lang || r.set_ui_zoom || r.set_projector || r.set_reduced_motion || r.set_colorblind || r.fold_controls || r.load_preset || r.set_input || r.step > 0) return true;
    // A run's worker said something: an epoch's or a run's end at once whatever tab is shown (the poll
    // stores it); progress where the Training lab shows it, at most every progress_interval (an
    // automation call that took it counts too). Between them the page stays idle: every frame spared
    // is CPU time for the runs where the browser draws on the CPU.
    if (app.training.any_active() || app.progress_undrawn) {
        const int pending = app.host->train_pending();
        if (pending == 2) return true;
        if ((pending == 1 || app.progress_undrawn) && app.lab == LabId::Training &&
            widgets::steady_seconds() - app.progress_drawn_at >= app.training.progress_interval(*app.host))
            return true;
    }
    if (app.inputs.fetching()) return true;  // its progress bar moves
    if (app.png.phase == PngExport::Wanted || app.png.phase == PngExport::Encoding) return true;
    return !app.shell.pending_state.empty();
}

void app_shutdown(AppState& app) { save_view(app, true); }

bool app_copy_link(AppState& app) {
    save_view(app, true);  // the address holds this very view
    app.shell.copied_link = app.host->view_link();
    const bool ok = app.host->copy_text(app.shell.copied_link);
    app.shell.link_copied_at = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
    return ok;
}

}  // namespace ll::app
