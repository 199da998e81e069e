// The training-run script (pytorch_export.h): a header of constants written from the model and the
// RunConfig, then a fixed body that re-implements, in Python on torch, the parts of TrainingRun that
// decide the numbers: the Rng (rng.h), make_split (run_config.cpp), BatchSampler (trainer.cpp),
// scheduled_lr (schedule.cpp), the dropout draws (layers/linear.cpp), train_step's L1, evaluate_report
// and early stopping (training_run.cpp). Floats are written as the exact value of the engine's float32
// (%.17g of the double), so torch's double scalars (1 - beta1, lr / bias_correction) are the engine's.
//
// DistributedDataParallel (torchrun): every rank draws the same global batch; rank r trains rows
// [r*B/W, (r+1)*B/W) of it with the loss sum * W / B, so DDP's mean over ranks is the global batch's
// mean gradient, equal to the single process's up to float32 rounding. BatchNorm statistics are then
// per rank (torch's SyncBatchNorm needs CUDA): only networks without batch statistics reproduce exactly.
//
// The raw strings below are the generated script's Python, not this program's: their sys.exit calls end
// the user's torch run with a message (and status 3 on divergence, as `layerlab train`).
#include <cmath>

#include "engine/init.h"
#include "engine/pytorch_export.h"
#include "engine/rng.h"

namespace ll {

using namespace pyexport;

namespace {

const char* const kBody = R"PY(

# ---- The engine's generator (src/engine/rng.h): xoshiro128+ seeded by splitmix64 ----
M32, M64 = 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF


def _rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32


class Rng:
    def __init__(self, seed):
        seed &= M64
        s = []
        for _ in range(4):
            seed = (seed + 0x9E3779B97F4A7C15) & M64
            z = seed
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
            s.append(((z ^ (z >> 31)) >> 16) & M32)
        if not any(s):
            s[0] = 1
        self.s = s

    def next_u32(self):
        s0, s1, s2, s3 = self.s
        result = (_rotl((s0 + s3) & M32, 7) + s0) & M32
        t = (s1 << 9) & M32
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        self.s = [s0, s1, s2, _rotl(s3, 11)]
        return result

    def uniform(self):  # [0, 1) with 24 random bits, exact in float32
        return (self.next_u32() >> 8) / 16777216.0

    def below(self, n):  # [0, n)
        return (self.next_u32() * n) >> 32


def shuffle(order, rng):
    """The engine's Fisher-Yates, in place."""
    for i in range(len(order) - 1, 0, -1):
        j = rng.below(i + 1)
        order[i], order[j] = order[j], order[i]


def f32(x):
    """x rounded to float32, as the engine holds every rate."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def make_split(n):
    """run_config.cpp make_split: validation = the first VAL_SIZE of a shuffle seeded SEED + 2, training =
    the next TRAIN_SIZE (0: all the rest), both ascending."""
    if VAL_SIZE >= n:
        sys.exit(f"a validation set of {VAL_SIZE} leaves none of the {n} training images to train on")
    perm = list(range(n))
    shuffle(perm, Rng(SEED + 2))
    rest = n - VAL_SIZE
    count = min(TRAIN_SIZE, rest) if TRAIN_SIZE > 0 else rest
    return sorted(perm[VAL_SIZE:VAL_SIZE + count]), sorted(perm[:VAL_SIZE])


class BatchSampler:
    """trainer.cpp BatchSampler: each epoch shuffles the previous epoch's order again (seed SEED + 1)."""

    def __init__(self, n, batch, seed):
        self.n, self.batch, self.rng = n, max(1, min(batch, n)), Rng(seed)
        self.order, self.pos = list(range(n)), n

    def next(self):
        if self.pos >= self.n:
            self.pos = 0
            shuffle(self.order, self.rng)
        end = min(self.n, self.pos + self.batch)
        idx = self.order[self.pos:end]
        self.pos = end
        return idx


def scheduled_lr(t, step_size, total_steps):
    """schedule.cpp scheduled_lr: the rate of step t (from 0), in double, then float32. Step decay once
    per epoch (step_size = steps per epoch), cosine over every step of the run (total_steps)."""
    lr = LR
    if SCHEDULE == "step":
        lr *= math.pow(STEP_GAMMA, float(t // max(1, step_size)))
    elif SCHEDULE == "cosine":
        u = 1.0 if t >= total_steps else t / float(max(1, total_steps))
        lr *= 0.5 * (1.0 + math.cos(math.pi * u))
    if WARMUP_STEPS > 0 and t < WARMUP_STEPS:
        lr *= (t + 1) / float(WARMUP_STEPS)
    return f32(lr)


class EngineDropout(nn.Module):
    """Dropout / Dropout2d drawing its keep mask from the engine's generator (one uniform per element, or
    per (n, c) channelwise; keep when u >= p), shared by every dropout layer in order, as the engine does,
    so masks match `layerlab train`. Under DDP each rank draws the whole global batch's mask and keeps its
    rows (`rows` = (first row, global batch)). Without a generator (--torch-dropout) it is torch's own."""

    def __init__(self, p, channelwise):
        super().__init__()
        self.p, self.channelwise, self.rng, self.rows = p, channelwise, None, None

    def forward(self, x):
        if not self.training or x.numel() == 0:
            return x
        if self.rng is None:
            return (nn.functional.dropout2d if self.channelwise else nn.functional.dropout)(x, self.p, True)
        n = x.shape[0]
        c = (x.shape[1] if x.dim() > 1 else 1) if self.channelwise else x[0].numel()
        first, total = self.rows if self.rows is not None else (0, n)
        if self.p <= 0.0:
            mask = torch.ones(n, c)
        elif self.p >= 1.0:
            mask = torch.zeros(n, c)
        else:
            u = self.rng.uniform
            draws = [1.0 if u() >= self.p else 0.0 for _ in range(total * c)]
            mask = torch.tensor(draws, dtype=torch.float32).view(total, c)[first:first + n]
        scale = f32(1.0 / f32(1.0 - self.p)) if self.p < 1.0 else 0.0
        m = mask * scale
        if self.channelwise:
            return x * m.view(n, c, *([1] * (x.dim() - 2)))
        return x * m.view(x.shape)

    def extra_repr(self):
        return f"p={self.p}, channelwise={self.channelwise}"


# ---- Data: the IDX files the engine reads ----

def read_idx(path):
    for p in (path, path + ".gz"):
        if os.path.exists(p):
            with open(p, "rb") as f:
                data = f.read()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            ndim = data[3]
            dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
            return torch.frombuffer(bytearray(data[4 + 4 * ndim:]), dtype=torch.uint8).reshape(dims)
    sys.exit(f"{path}[.gz]: not found (pass --data DIR, a folder of IDX files)")


def load_split(folder, stem):
    images = read_idx(os.path.join(folder, f"{stem}-images-idx3-ubyte"))
    labels = read_idx(os.path.join(folder, f"{stem}-labels-idx1-ubyte")).long()
    return images.reshape(images.shape[0], *INPUT_SHAPE), labels


# float(b) / 255.0f, as the engine's table: a float32 division per byte value
LUT = torch.arange(256, dtype=torch.float32) / torch.tensor(255.0, dtype=torch.float32)


def batch_images(images, rows):
    return LUT[images[rows].long()]


# ---- Training ----

def evaluate(model, images, labels, rows=None, classes=None):
    """evaluate_report: eval mode, batches of 256, the mean loss weighted by batch size in double."""
    model.eval()
    if rows is None:
        rows = list(range(images.shape[0]))
    n, loss_sum, correct = len(rows), 0.0, 0
    confusion = [[0] * classes for _ in range(classes)] if classes else None
    with torch.no_grad():
        for b in range(0, n, EVAL_BATCH):
            r = torch.tensor(rows[b:b + EVAL_BATCH], dtype=torch.long)
            logits, y = model(batch_images(images, r)), labels[r]
            loss_sum += nn.functional.cross_entropy(logits, y).item() * len(r)
            pred = logits.argmax(1)
            correct += int((pred == y).sum())
            if confusion is not None:
                for t, p in zip(y.tolist(), pred.tolist()):
                    confusion[t][p] += 1
    model.train()
    return (loss_sum / n if n else 0.0), (correct / n if n else 0.0), confusion


def save_safetensors(path, state):
    header, blobs, offset = {}, [], 0
    for name, t in state.items():
        t = t.detach().contiguous()
        dtype = {torch.float32: "F32", torch.int64: "I64"}[t.dtype]
        try:
            raw = t.numpy().tobytes()
        except (ImportError, RuntimeError):
            raw = bytes(t.reshape(-1).view(torch.uint8).tolist())
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    head = json.dumps(header).encode()
    head += b" " * (-len(head) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)) + head + b"".join(blobs))


def write_outputs(args, history, test, model):
    if args.history:
        with open(args.history, "w") as f:
            json.dump({"history": history, "test": test}, f, indent=1)
            f.write("\n")
    if args.out:
        save_safetensors(args.out, model.state_dict())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=DATA_DIR, help="folder of {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]")
    ap.add_argument("--init", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), INIT_WEIGHTS),
                    help="the initial weights (safetensors) written beside this script")
    ap.add_argument("--history", default=HISTORY, help="write the per-epoch history JSON here")
    ap.add_argument("--out", default=OUT, help="write the final weights (safetensors) here")
    ap.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: torch's default)")
    ap.add_argument("--torch-dropout", action="store_true", help="torch's fast dropout (masks no longer match)")
    args = ap.parse_args()
    if not args.data:
        sys.exit("--data DIR is needed: write the digits as IDX files with `layerlab export-dataset --data mnist "
                 "--split train --out DIR` and `... --split test --out DIR`")
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    world, rank = int(os.environ.get("WORLD_SIZE", "1")), int(os.environ.get("RANK", "0"))
    if world > 1:
        dist.init_process_group("gloo")
        world, rank = dist.get_world_size(), dist.get_rank()
    say = print if rank == 0 else (lambda *a, **k: None)

    train_x, train_y = load_split(args.data, "train")
    test_x, test_y = load_split(args.data, "t10k")
    if 0 < TEST_LIMIT < test_x.shape[0]:
        test_x, test_y = test_x[:TEST_LIMIT], test_y[:TEST_LIMIT]
    train_rows, val_rows = make_split(train_x.shape[0])

    model = build_model()
    state = {k: v for k, v in load_safetensors(args.init).items() if k[:1].isdigit()}
    model.load_state_dict(state, strict=True)
    model.train()
    drops = [m for m in model.modules() if isinstance(m, EngineDropout)]
    if not args.torch_dropout:
        dropout_rng = Rng(SEED)
        for d in drops:
            d.rng = dropout_rng
    net = nn.parallel.DistributedDataParallel(model) if world > 1 else model
    opt = make_optimizer(model.parameters())
    classes = CLASSES

    n = len(train_rows)
    sampler = BatchSampler(n, BATCH_SIZE, SEED + 1)
    say(f"training {SOURCE} on {args.data}: {n} train" + (f" / {len(val_rows)} val" if val_rows else "") +
        f" / {test_x.shape[0]} test images, {EPOCHS} epochs, batch {BATCH_SIZE}, {OPTIMIZER} lr {LR:g} "
        f"({SCHEDULE} schedule), {world} process(es)")
    history, best_epoch, best_val, best_state, step = [], 0, 0.0, None, 0
    for epoch in range(1, EPOCHS + 1):
        images = trained = correct = 0
        loss_sum = 0.0
        while images < n:
            idx = sampler.next()
            b = len(idx)
            if SKIP_SINGLE and b == 1:
                images += b  # one sample under BatchNorm cannot train: skipped, as drop_last would
                continue
            lo, hi = rank * b // world, (rank + 1) * b // world  # this rank's share of the global batch
            rows = torch.tensor([train_rows[k] for k in idx[lo:hi]], dtype=torch.long)
            for d in drops:
                d.rows = (lo, b)
            lr = scheduled_lr(step, steps_per_epoch(n), steps_per_epoch(n) * EPOCHS)
            for g in opt.param_groups:
                g["lr"] = lr
            opt.zero_grad()
            out, y = net(batch_images(train_x, rows)), train_y[rows]
            if world == 1:
                loss = nn.functional.cross_entropy(out, y)
                batch_loss, batch_correct = loss.item(), int((out.argmax(1) == y).sum())
            else:
                # sum over this rank's rows * world / B: DDP's mean over ranks is then the global batch's mean
                loss_part = nn.functional.cross_entropy(out, y, reduction="sum")
                loss = loss_part * (world / b)
                figures = torch.tensor([loss_part.item(), float((out.argmax(1) == y).sum())], dtype=torch.float64)
                dist.all_reduce(figures)
                batch_loss, batch_correct = figures[0].item() / b, int(figures[1].item())
            loss.backward()
            if L1 != 0.0:
                with torch.no_grad():
                    for p in model.parameters():
                        p.grad.add_(torch.sign(p) * L1)  # grad += l1 * sign(w), before the optimizer's decay
            opt.step()
            step += 1
            images += b
            trained += b
            correct += batch_correct
            loss_sum += batch_loss * b
            if not math.isfinite(batch_loss) or not all(bool(torch.isfinite(p).all()) for p in model.parameters()):
                # as the engine: the finished epochs are kept, the test set is not evaluated
                if rank == 0:
                    write_outputs(args, history, None, model)
                print(f"diverged at step {step} (epoch {epoch}): the loss or a parameter is not finite (lr {lr:g}): "
                      "lower the learning rate", file=sys.stderr)
                sys.exit(3)
        rec = {"epoch": epoch, "train_loss": loss_sum / trained if trained else 0.0,
               "train_acc": correct / trained if trained else 0.0, "val_loss": None, "val_acc": None}
        line = f"epoch {epoch}/{EPOCHS}: train loss {rec['train_loss']:.4f} acc {rec['train_acc']:.4f}"
        if val_rows:
            rec["val_loss"], rec["val_acc"], _ = evaluate(model, train_x, train_y, val_rows)
            line += f" | val loss {rec['val_loss']:.4f} acc {rec['val_acc']:.4f}"
        history.append(rec)
        say(line)
        # early stopping: best = the lowest val loss (the earliest on ties); stop PATIENCE epochs after it
        if val_rows:
            if best_epoch == 0 or rec["val_loss"] < best_val:
                best_epoch, best_val = epoch, rec["val_loss"]
                if RESTORE_BEST:
                    best_state = copy.deepcopy(model.state_dict())
            elif PATIENCE > 0 and epoch - best_epoch >= PATIENCE:
                say(f"stopped early after epoch {epoch}: the validation loss has not gone below epoch {best_epoch}'s "
                    f"{best_val:.4f} for {PATIENCE} epochs")
                break
    if RESTORE_BEST and best_state is not None:
        model.load_state_dict(best_state)
        say(f"restored the weights of epoch {best_epoch} (lowest val loss {best_val:.4f})")
    loss, acc, confusion = evaluate(model, test_x, test_y, None, classes)
    say(f"final test accuracy: {acc:.4f} ({test_x.shape[0]} images)")
    if rank == 0:
        write_outputs(args, history, {"loss": loss, "acc": acc, "confusion": confusion}, model)
    if world > 1:
        dist.barrier()
        dist.destroy_process_group()
    return 0


if __name__ == "__main__":
    sys.exit(main())
)PY";

// The exact value of a float32 as a Python float literal.
std::string py_f32(float v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", double(v));
    std::string s = buf;
    if (s.find_first_of(".eE") == std::string::npos) s += ".0";
    return s;
}

std::string py_str(const std::string& s) { return s.empty() ? "None" : Json::string(s).dump(); }

// torch.optim's constructor with the engine's resolved arguments (optim.h).
std::string optimizer_code(const OptimConfig& raw) {
    const OptimConfig o = resolve_optim_defaults(raw);
    const std::string lr = "lr=" + py_f32(o.lr), wd = "weight_decay=" + py_f32(o.weight_decay), eps = "eps=" + py_f32(o.eps);
    if (o.name == "sgd")
        return "torch.optim.SGD(params, " + lr + ", momentum=" + py_f32(o.momentum) + ", dampening=" + py_f32(o.dampening) +
               ", " + wd + ", nesterov=" + (o.nesterov ? "True" : "False") + ")";
    if (o.name == "adagrad")
        return "torch.optim.Adagrad(params, " + lr + ", lr_decay=" + py_f32(o.lr_decay) + ", " + wd +
               ", initial_accumulator_value=" + py_f32(o.initial_accumulator_value) + ", " + eps + ")";
    if (o.name == "rmsprop")
        return "torch.optim.RMSprop(params, " + lr + ", alpha=" + py_f32(o.alpha) + ", " + eps + ", " + wd +
               ", momentum=" + py_f32(o.momentum) + ", centered=" + (o.centered ? "True" : "False") + ")";
    const std::string cls = o.name == "adamw" ? "AdamW" : "Adam";
    return "torch.optim." + cls + "(params, " + lr + ", betas=(" + py_f32(o.beta1) + ", " + py_f32(o.beta2) + "), " + eps +
           ", " + wd + ")";
}

std::string sequential_code(const Model& m) {
    std::string out = "def build_model():\n    return nn.Sequential(\n";
    for (size_t i = 0; i < m.size(); ++i) {
        const Layer& l = m.layer(i);
        const std::string type = l.type();
        std::string ctor;
        if (type == "Dropout" || type == "Dropout2d") {
            const Json* p = l.args().find("p");
            const float pv = p && p->is_number() ? float(p->as_number()) : 0.5f;
            ctor = "EngineDropout(p=" + py_f32(pv) + ", channelwise=" + (type == "Dropout2d" ? "True" : "False") + ")";
        } else {
            ctor = std::string(is_project_type(type) ? "" : "nn.") + type + "(" + layer_args(l) + ")";
        }
        appendf(out, "        %s,  # %zu: -> %s\n", ctor.c_str(), i, shape_str(l.out_shape()).c_str());
    }
    return out + "    )\n";
}

}  // namespace

Status initial_state_for_export(Model& m, const RunConfig& config) {
    LL_TRY(check_run_config(config));
    if (config.init == "continue") return Status::ok();
    InitKind kind = InitKind::Default;
    LL_TRY(parse_init_kind(config.init, kind));
    Rng rng(config.seed);  // as TrainingRun::start
    init_model(m, kind, rng);
    return Status::ok();
}

Status pytorch_train_script(const Model& m, const RunConfig& c, const TrainScriptOptions& opt, std::string& out) {
    LL_TRY(check_finite_args(m, opt.source_name));
    LL_TRY(check_run_config(c));
    if (m.output_shape().size() != 1)
        return Status::error(opt.source_name + ": a training script needs a classifier (one logit per class), got output " +
                             shape_str(m.output_shape()));
    out.clear();
    appendf(out, "\"\"\"Training run of %s on %s, written by `layerlab export-pytorch --train` (LayerLab).\n\n",
            opt.source_name.c_str(), opt.data_name.c_str());
    out += "Reproduces `layerlab train` with the same settings: initial weights (loaded from the file written\n"
           "beside this script), split, batch order, dropout masks, optimizer, schedule, L1, loss, early stopping\n"
           "and the --history JSON. One process:  python3 THIS.py\n"
           "DistributedDataParallel on CPU (gloo):  torchrun --standalone --nproc_per_node=N THIS.py\n"
           "(Debian's torch 1.13 on Python 3.11 also needs torchrun's --redirects 1 --tee 1.)\n"
           "Each rank trains its share of every global batch, scaled so the averaged gradient is the global\n"
           "batch's mean, as with one process. BatchNorm then normalizes each rank's share on its own.\n\"\"\"\n";
    out += "import argparse\nimport copy\nimport gzip\nimport json\nimport math\nimport os\nimport struct\nimport sys\n\n"
           "import torch\nimport torch.distributed as dist\nfrom torch import nn\n";
    appendf(out, "%s\n", kReader);
    out += project_type_code(m);
    out += "\n# ---- The run (RunConfig) ----\n";
    appendf(out, "SOURCE = %s\nDATA_DIR = %s\nINIT_WEIGHTS = %s\nHISTORY = %s\nOUT = %s\n", py_str(opt.source_name).c_str(),
            py_str(opt.data_dir).c_str(), py_str(opt.init_weights).c_str(), py_str(opt.history).c_str(),
            py_str(opt.out).c_str());
    appendf(out, "TEST_LIMIT = %d\nEPOCHS = %d\nBATCH_SIZE = %d\nSEED = %llu\nTRAIN_SIZE = %d\nVAL_SIZE = %d\n", opt.test_limit,
            c.epochs, c.batch_size, static_cast<unsigned long long>(c.seed), c.train_size, c.val_size);
    appendf(out, "PATIENCE = %d\nRESTORE_BEST = %s\nOPTIMIZER = '%s'\nLR = %s\nL1 = %s\n", c.patience,
            c.restore_best ? "True" : "False", c.optim.name.c_str(), py_f32(c.optim.lr).c_str(), py_f32(c.l1).c_str());
    const Schedule defaults;
    appendf(out, "SCHEDULE = '%s'\nWARMUP_STEPS = %ld\nSTEP_GAMMA = %s  # step: x gamma once per epoch\n",
            schedule_kind_name(c.schedule), c.warmup_steps, py_f32(defaults.gamma).c_str());
    out += "EVAL_BATCH = 256\n";
    appendf(out, "SKIP_SINGLE = %s  # a batch of one cannot train (BatchNorm)\n",
            m.check_batch(1, Mode::Train) ? "False" : "True");
    appendf(out, "CLASSES = %d\nINPUT_SHAPE = (", m.output_shape()[0]);
    for (int d : m.input_shape()) appendf(out, "%d, ", d);
    out += ")\n\n\ndef steps_per_epoch(n):\n    return (n + BATCH_SIZE - 1) // BATCH_SIZE\n\n\n";
    out += "def make_optimizer(params):\n    return " + optimizer_code(c.optim) + "\n\n\n";
    out += sequential_code(m);
    out += kBody;
    return Status::ok();
}

}  // namespace ll
