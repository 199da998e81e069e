// Network lab session: the running model, its input and the ll::Stepper walking through it.
// Edits rebuild the model from its JSON (Model::from_json); a refused edit leaves the running model
// untouched and keeps the engine's reason. Layers keep an identity across edits so the weights of
// the layers that did not change survive (when their shapes still match); new layers get PyTorch's
// initialisation from a seeded ll::Rng.
#include <algorithm>
#include <cstdlib>

#include "app/inputs.h"
#include "app/panels/network.h"
#include "engine/init.h"

namespace ll::app {

namespace {

constexpr uint64_t kEditSeed = 4321;

// "layer 3 (Conv2d): ..." -> 3; -1 when the message names no layer.
int error_layer(const std::string& msg) {
    const size_t at = msg.find("layer ");
    if (at == std::string::npos) return -1;
    const char* p = msg.c_str() + at + 6;
    if (*p < '0' || *p > '9') return -1;
    return std::atoi(p);
}

// Copies the parameters and buffers whose name and shape still match; returns false when any of
// `to`'s parameters or value buffers found no match (it keeps its fresh initialisation).
bool copy_matching(Layer& from, Layer& to) {
    std::vector<ParamRef> b = to.params();
    std::vector<BufferRef> d = to.buffers();
    if (std::string(from.type()) != to.type()) return b.empty() && d.empty();
    bool all = true;
    std::vector<ParamRef> a = from.params();
    for (ParamRef& q : b) {
        bool kept = false;
        for (const ParamRef& p : a)
            if (p.name == q.name && p.value->shape() == q.value->shape()) { *q.value = *p.value; kept = true; }
        all = all && kept;
    }
    std::vector<BufferRef> c = from.buffers();
    for (BufferRef& q : d) {
        bool kept = !q.value;  // a counter (num_batches_tracked) has no shape to lose
        for (const BufferRef& p : c) {
            if (p.name != q.name) continue;
            if (p.value && q.value && p.value->shape() == q.value->shape()) { *q.value = *p.value; kept = true; }
            if (p.count && q.count) *q.count = *p.count;
        }
        all = all && kept;
    }
    return all;
}

}  // namespace

std::string session_input_kind(const NetworkSession& s) { return (*s.inputs).data_kind(s.source); }

bool session_mismatch(const NetworkSession& s) {
    const std::string kind = session_input_kind(s);
    return !s.trained_on.empty() && !kind.empty() && kind != s.trained_on;
}

bool session_fashion_classes(const NetworkSession& s) {
    const Shape& out = s.model.output_shape();
    if (out.size() != 1 || out[0] != 10) return false;
    // A trained network answers in its own classes, whatever it is shown (tiny-fashion calls a digit
    // "Trouser": that is what its output means). An untrained one follows the input.
    if (!s.trained_on.empty()) return s.trained_on == "fashion-mnist";
    return session_input_kind(s) != "mnist";
}

Status session_find_wrong(NetworkSession& s, int limit, MissSearch& found) {
    found = MissSearch();
    const Dataset* ds = (*s.inputs).dataset(s.source);
    if (!ds) return Status::error("the input is not a labelled test set (Fashion-MNIST or MNIST)");
    // A copy with the same parameters and running statistics: the batched forward would overwrite
    // the outputs the stepper shows.
    Model copy;
    LL_TRY(Model::from_json(s.desc, copy));
    if (copy.size() != s.model.size()) return Status::error("the model changed");
    for (size_t i = 0; i < copy.size(); ++i) copy_matching(s.model.layer(i), copy.layer(i));
    return find_misclassified(copy, *ds, s.index + 1, limit, 64, found);
}

int session_target(const NetworkSession& s) {
    const Shape& out = s.model.output_shape();
    if (out.size() != 1) return 0;
    return (s.label >= 0 && s.label < int(out[0])) ? s.label : 0;
}

Status session_restart(NetworkSession& s) {
    ++s.version;
    s.ready = false;
    if (s.x.empty() || s.model.size() == 0) return Status::error("no input");
    Status st = s.stepper.reset(&s.model, s.x, session_target(s), s.opt, s.mode);
    s.ready = bool(st);
    return st;
}

Status session_set_input(NetworkSession& s, const std::string& source, int index) {
    InputImage img;
    if ((*s.inputs).waiting(source, index)) {
        s.wait_source = source;
        s.wait_index = index;
        // Meanwhile the image shown stays (rebuilt for the model: a preset may have changed), or this
        // set's first image when another set was shown.
        const Dataset* have = (*s.inputs).dataset(source);
        index = s.source == source && have && s.index < have->size() ? s.index : 0;
    } else {
        s.wait_source.clear();
        s.wait_index = -1;
    }
    Status st = (*s.inputs).get(source, index, s.model.input_shape(), img);
    if (!st) return st;
    s.source = source;
    s.index = index;
    s.x = img.image;
    s.label = img.label;
    s.label_name = img.label_name;
    return session_restart(s);
}

Status session_load_preset(NetworkSession& s, const std::string& name) {
    Json desc;
    Model m;
    LL_TRY(network_preset(name, desc, m));
    s.model = std::move(m);
    s.desc = std::move(desc);
    s.preset = name;
    s.trained_on = network_preset_trained_on(name);
    s.init.clear();
    s.layer_ids.clear();
    for (size_t i = 0; i < s.model.size(); ++i) s.layer_ids.push_back(int(i));
    s.next_id = int(s.model.size());
    s.edit_error.clear();
    s.edit_error_layer = -1;
    s.reinitialized.clear();
    s.added.clear();
    std::string source = s.source;
    const std::vector<std::string> sources = (*s.inputs).sources();
    // The edge detector is meant for a photograph; the classifiers for a dataset image.
    const bool has_photos = std::find(sources.begin(), sources.end(), "photos") != sources.end();
    if (name == "edges" && has_photos) source = "photos";
    else if (name != "edges" && source == "photos") source = "fashion-mnist";
    int index = s.index;
    if (source != s.source) index = 0;
    s.preset_desc = s.desc.dump();
    s.missing_input.clear();
    Status st = session_set_input(s, source, index);
    if (st || (source == "fashion-mnist" && index == 0)) return st;
    // An input this browser does not have (a link to someone's upload) or no longer fits: the preset's
    // own kind of input instead, and the view says what was asked for.
    if (source == "upload" || source == "drawing" || index >= (*s.inputs).count(source))
        s.missing_input = source + " #" + std::to_string(index);
    const std::string fallback = name == "edges" && has_photos ? "photos" : "fashion-mnist";
    return session_set_input(s, fallback, 0);
}

std::string session_ids_text(const NetworkSession& s) {
    std::string out;
    for (size_t i = 0; i < s.layer_ids.size(); ++i) out += (i ? "." : "") + std::to_string(s.layer_ids[i]);
    return out;
}

Status session_restore_model(NetworkSession& s, const std::string& model_json, const std::string& ids_text) {
    Json desc;
    LL_TRY(parse_json(model_json, desc).with_context("model: "));
    std::vector<int> ids;
    for (size_t at = 0; at < ids_text.size();) {
        size_t end = ids_text.find('.', at);
        if (end == std::string::npos) end = ids_text.size();
        const std::string part = ids_text.substr(at, end - at);
        char* stop = nullptr;
        const long v = std::strtol(part.c_str(), &stop, 10);
        if (part.empty() || *stop != '\0' || v < 0 || v > 100000) return Status::error("ids: \"" + part + "\" is not a layer id");
        ids.push_back(int(v));
        at = end + 1;
    }
    const Json* layers = desc.is_object() ? desc.find("layers") : nullptr;
    if (!layers || !layers->is_array()) return Status::error("model: no \"layers\" list");
    ids.resize(layers->size(), -1);  // ids missing from the text: new layers
    for (int id : ids) s.next_id = std::max(s.next_id, id + 1);
    if (!session_apply_edit(s, desc, ids)) {
        const std::string why = s.edit_error;
        s.edit_error.clear();
        s.edit_error_layer = -1;
        return Status::error(why);
    }
    return Status::ok();
}

bool session_apply_edit(NetworkSession& s, const Json& desc, const std::vector<int>& ids) {
    Model m;
    Status st = Model::from_json(desc, m);
    if (st) st = m.check_batch(1, s.mode);
    if (!st) {
        s.edit_error = st.message();
        s.edit_error_layer = error_layer(st.message());
        ++s.version;
        return false;
    }
    std::vector<int> new_ids(m.size(), -1);
    std::vector<int> reinit, added;
    for (size_t i = 0; i < m.size(); ++i) {
        const int id = i < ids.size() ? ids[i] : -1;
        new_ids[i] = id >= 0 ? id : s.next_id++;
        // Each layer draws from a generator of its own id: the weights depend on the layer, not on
        // the order of the edits that led here (a link rebuilds them from the model and the ids).
        Rng rng(kEditSeed + uint64_t(new_ids[i]));
        m.layer(i).init(rng);
        bool found = false, kept = true;
        for (size_t j = 0; id >= 0 && j < s.layer_ids.size(); ++j)
            if (s.layer_ids[j] == id) {
                found = true;
                kept = copy_matching(s.model.layer(j), m.layer(i));
            }
        // A kept layer whose weights no longer fit (its own arguments or the shape flowing in changed)
        // starts again from the initialisation: the UI says so, since its numbers jump.
        if (found && !kept) reinit.push_back(int(i));
        if (!found && !(m.layer(i).params().empty() && m.layer(i).buffers().empty())) added.push_back(int(i));
    }
    if (!s.init.empty()) {  // a chosen initialisation covers the edited network too: the weights stay a function of it
        InitKind kind = InitKind::Default;
        if (parse_init_kind(s.init, kind)) {
            Rng rng(static_cast<uint64_t>(s.init_seed));
            init_model(m, kind, rng);
        }
    }
    s.reinitialized = reinit;
    s.added = added;
    s.model = std::move(m);
    s.desc = s.model.to_json();
    s.layer_ids = new_ids;
    // Still derived from the preset's training (unchanged layers keep their weights), but no longer
    // the preset: the lab will not replace it behind the user's back.
    s.edit_error.clear();
    s.edit_error_layer = -1;
    if (s.x.empty() || Shape(s.x.shape().begin() + 1, s.x.shape().end()) != s.model.input_shape())
        (void)session_set_input(s, s.source, s.index);
    else
        (void)session_restart(s);
    return true;
}

Status session_reinit(NetworkSession& s, const std::string& kind, int seed) {
    if (kind.empty()) {  // the preset's weights again, on the network as edited
        const std::string desc = s.desc.dump(), ids = session_ids_text(s);
        const bool edited = s.edited();
        LL_TRY(session_load_preset(s, s.preset));
        return edited ? session_restore_model(s, desc, ids) : Status::ok();
    }
    InitKind k = InitKind::Default;
    LL_TRY(parse_init_kind(kind, k));
    Rng rng(static_cast<uint64_t>(seed));
    init_model(s.model, k, rng);
    s.init = kind;
    s.init_seed = seed;
    s.trained_on.clear();
    s.reinitialized.clear();
    s.added.clear();
    return session_restart(s);
}

bool session_swap_pool(NetworkSession& s, int layer) {
    Json swapped;
    if (Status st = replace_pool_with_strided_conv(s.model, s.desc, layer, swapped); !st) {
        s.edit_error = st.message();
        ++s.version;
        return false;
    }
    std::vector<int> ids = s.layer_ids;
    if (layer >= 0 && size_t(layer) < ids.size()) ids[size_t(layer)] = -1;  // a new layer, freshly initialised
    return session_apply_edit(s, swapped, ids);
}

}  // namespace ll::app
