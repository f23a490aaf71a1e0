#!/usr/bin/python3
"""Trains the toy SD-v1.5 / SnapFusion pair on the studio's toy world and writes both as diffusers folders.

    ./studio toy trainset --count 24000 --size 128 --out work/toy-train/data
    /usr/bin/python3 tools/toy-train/train.py --data work/toy-train/data --work work/toy-train \
        --out assets/models

Stages, each checkpointed in --work and skipped or resumed when run again (docs/toy-models.md):
  vae      VAE (8x down, 4 latent channels) on the training images
  latents  the training set encoded once (the VAE's mean), and the latent scaling factor
  teacher  text encoder + SD-shaped UNet, epsilon prediction, caption dropped 10% of the time (CFG)
  student  SnapFusion-shaped UNet, v-prediction, initialised from the teacher by the converter's derive rule and
           trained with the denoising loss plus the teacher's output in v-space (knowledge distillation)
  decoder  SnapFusion's half-channel decoder, distilled from the SD decoder on the training latents
  export   fp16 diffusers folders toy-sd15/ and toy-snapfusion/ under --out

A one-off tool: the product and its tests stay Java and never run it.
"""
import argparse
import glob
import json
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import zlib

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import toymodels as M  # noqa: E402

T_TRAIN = 1000
BETAS = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, T_TRAIN, dtype=torch.float64) ** 2
ALPHAS_CUMPROD = torch.cumprod(1 - BETAS, 0).float()
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# ---------------------------------------------------------------- files

def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    kinds = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}
    for k, v in header.items():
        if k == "__metadata__":
            continue
        a, b = v["data_offsets"]
        out[k] = np.frombuffer(data[a:b], dtype=kinds[v["dtype"]]).reshape(v["shape"])
    return out


def write_safetensors(path, tensors):
    names = {np.dtype(np.float32): "F32", np.dtype(np.float16): "F16", np.dtype(np.int64): "I64"}
    header, blobs, off = {}, [], 0
    for k in sorted(tensors):
        a = np.ascontiguousarray(tensors[k])
        b = a.tobytes()
        header[k] = {"dtype": names[a.dtype], "shape": list(a.shape), "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)
    os.replace(tmp, path)


def write_png(path, rgb):
    """rgb: uint8 [H, W, 3]."""
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))

    def chunk(tag, data):
        c = struct.pack(">I", len(data)) + tag + data
        return c + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def resume(path, model, opt, key="model"):
    """Loads a stage's checkpoint into the model and its optimiser; returns the step it reached (0 without one)."""
    if not os.path.exists(path):
        return 0
    ck = torch.load(path)
    model.load_state_dict(ck[key])
    opt.load_state_dict(ck["opt"])
    return ck["step"]


def cosine(base, step, total):
    """From base down to a tenth of it over total steps."""
    return base * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, step / total))))


def after_step(a, stage, step, total, t0, fields, save):
    """Logs every 50 steps (fields() gives the losses) and saves every 200 and at the end; returns the timer's start."""
    if step % 50 == 0 or step == total:
        log(a.work, dict({"stage": stage, "step": step}, **fields(), sec_per_step=round((time.time() - t0) / 50, 3)))
        t0 = time.time()
    if step % 200 == 0 or step == total:
        save()
    return t0


def save_ckpt(path, obj):
    torch.save(obj, path + ".part")
    os.replace(path + ".part", path)


def log(work, record):
    record["time"] = round(time.time(), 1)
    with open(os.path.join(work, "train-log.jsonl"), "a") as f:
        f.write(json.dumps(record) + "\n")
    print(json.dumps(record), flush=True)


# ---------------------------------------------------------------- data

class Data:
    def __init__(self, root):
        self.root = root
        meta = json.load(open(os.path.join(root, "meta.json")))
        self.n, self.size = meta["count"], meta["size"]
        self.images = np.memmap(os.path.join(root, "train-images.u8"), dtype=np.uint8, mode="r",
                                shape=(self.n, self.size, self.size, 3))
        tok = json.load(open(os.path.join(root, "tokens.json")))
        self.vocab = tok["vocab_size"]
        self.uncond = torch.tensor(tok["uncond"], dtype=torch.long)
        table = tok["captions"]
        captions = open(os.path.join(root, "train-captions.txt")).read().splitlines()
        self.tokens = torch.tensor([table[c] for c in captions], dtype=torch.long)
        self.labels = caption_labels(captions)
        self.eval_captions = open(os.path.join(root, "eval-captions.txt")).read().splitlines()
        self.eval_tokens = torch.tensor([table[c] for c in self.eval_captions], dtype=torch.long)

    def image_batch(self, idx):
        x = torch.from_numpy(np.stack([self.images[i] for i in idx])).permute(0, 3, 1, 2).float() / 127.5 - 1
        flip = torch.rand(len(idx)) < 0.5          # every toy shape is left-right symmetric
        x[flip] = x[flip].flip(-1)
        return x

    def template(self, name):
        return os.path.join(self.root, "templates", name)


COLOURS = ["black", "white", "red", "green", "blue", "yellow", "cyan", "magenta"]
SHAPES = ["circle", "square", "triangle"]
CAPTION = re.compile(r"a (\w+) (\w+) on a (\w+) background")


def caption_labels(captions):
    """[n, 3] class ids (shape colour, shape, background colour) of grammar captions; the text encoder's attribute
    heads learn them (textpre)."""
    out = []
    for c in captions:
        m = CAPTION.fullmatch(c)
        if not m or m.group(1) not in COLOURS or m.group(2) not in SHAPES or m.group(3) not in COLOURS:
            raise SystemExit("caption outside the toy grammar: %r" % c)
        out.append([COLOURS.index(m.group(1)), SHAPES.index(m.group(2)), COLOURS.index(m.group(3))])
    return torch.tensor(out, dtype=torch.long)


class AttributeHeads(torch.nn.Module):
    """Reads the caption's three attributes back from the text encoder's output, pooled over the EOS and padding
    positions (the ones that, under the causal mask, have seen the whole caption). Training only; never exported."""

    def __init__(self, width):
        super().__init__()
        self.colour = torch.nn.Linear(width, len(COLOURS))
        self.shape = torch.nn.Linear(width, len(SHAPES))
        self.background = torch.nn.Linear(width, len(COLOURS))

    def loss(self, states, tok, labels, eos):
        after = (tok == eos).cumsum(1) > 0                    # EOS and everything after it
        pooled = (states * after[..., None]).sum(1) / after.sum(1, keepdim=True)
        return (F.cross_entropy(self.colour(pooled), labels[:, 0]) + F.cross_entropy(self.shape(pooled), labels[:, 1])
                + F.cross_entropy(self.background(pooled), labels[:, 2])) / 3


def config(data, name, component):
    return json.load(open(os.path.join(data.template(name), component, "config.json")))


def unet_cfg(data, name):
    c = config(data, name, "unet")
    preset = {"sd15": "demo-sd15", "snapfusion": "demo-snapfusion"}[name]
    p = json.load(open(os.path.join(REPO, "assets/src/main/resources/dev/snapfusion/assets/presets", preset + ".json")))
    u = p["unet"]
    assert u["block_out_channels"] == c["block_out_channels"], "template and preset disagree"
    return dict(u), p


def check_names(module_sd, template_file, prefix_ok=lambda k: True, what=""):
    want = {k: tuple(v.shape) for k, v in read_safetensors(template_file).items() if prefix_ok(k)}
    have = {k: tuple(v.shape) for k, v in module_sd.items() if prefix_ok(k)}
    missing = sorted(set(want) - set(have))
    extra = sorted(set(have) - set(want))
    bad = sorted(k for k in set(want) & set(have) if want[k] != have[k])
    if missing or extra or bad:
        raise SystemExit("%s: names/shapes differ from the template %s\n missing %s\n extra %s\n shape %s"
                         % (what, template_file, missing[:10], extra[:10], [(k, want[k], have[k]) for k in bad[:10]]))


# ---------------------------------------------------------------- diffusion

def add_noise(x0, noise, t):
    a = ALPHAS_CUMPROD[t].view(-1, 1, 1, 1)
    return a.sqrt() * x0 + (1 - a).sqrt() * noise


def ddim_timesteps(steps, spacing):
    if spacing == "leading":
        ratio = T_TRAIN // steps
        return [i * ratio + 1 for i in range(steps)][::-1], ratio
    ratio = T_TRAIN / steps
    return [int(round(T_TRAIN - i * ratio)) - 1 for i in range(steps)], ratio


@torch.no_grad()
def sample(unet, text, tokens, uncond, steps, spacing, prediction, cfg_scale, shape, seed):
    g = torch.Generator().manual_seed(seed)
    b = tokens.shape[0]
    x = torch.randn((b,) + shape, generator=g)
    ctx = text(torch.cat([uncond.expand(b, -1), tokens]))
    ts, ratio = ddim_timesteps(steps, spacing)
    for t in ts:
        out = unet(torch.cat([x, x]), torch.full((2 * b,), float(t)), ctx)
        u, c = out.chunk(2)
        out = u + cfg_scale * (c - u)
        a = ALPHAS_CUMPROD[t]
        prev = t - int(round(ratio)) if spacing == "leading" else int(round(t - ratio))
        a_prev = ALPHAS_CUMPROD[prev] if prev >= 0 else ALPHAS_CUMPROD[0]
        if prediction == "epsilon":
            eps = out
            x0 = (x - (1 - a).sqrt() * eps) / a.sqrt()
        else:
            x0 = a.sqrt() * x - (1 - a).sqrt() * out
            eps = a.sqrt() * out + (1 - a).sqrt() * x
        x = a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * eps
    return x


def judge(folder, images, captions, variant):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "captions.jsonl"), "w") as f:
        for i, (img, cap) in enumerate(zip(images, captions)):
            name = "eval-%03d.png" % i
            write_png(os.path.join(folder, name), img)
            f.write(json.dumps({"file": name, "caption": cap, "variant": variant}) + "\n")
    try:
        out = subprocess.run([os.path.join(REPO, "studio"), "judge", folder, "--json"], capture_output=True,
                             text=True, timeout=600, check=True).stdout
        return json.loads(out)["variants"][variant]
    except Exception as e:  # the curve is a report, not a gate
        print("judge failed:", e, flush=True)
        return None


def to_rgb(x):
    return ((x.clamp(-1, 1) + 1) * 127.5).round().byte().permute(0, 2, 3, 1).numpy()


# ---------------------------------------------------------------- stages

def ema_update(ema, model, step, top=0.999):
    d = min(top, (1 + step) / (10 + step))
    with torch.no_grad():
        for e, p in zip(ema.parameters(), model.parameters()):
            e.mul_(d).add_(p.detach(), alpha=1 - d)


def stage_vae(a, data):
    path = os.path.join(a.work, "vae.pt")
    cfg = config(data, "sd15", "vae")
    vae = M.Vae(cfg)
    check_names(vae.state_dict(), os.path.join(data.template("sd15"), "vae/diffusion_pytorch_model.safetensors"),
                lambda k: not k.startswith("encoder."), "vae")
    opt = torch.optim.AdamW(vae.parameters(), lr=a.vae_lr, weight_decay=0)
    step = resume(path, vae, opt)
    if step >= a.vae_steps:
        return vae
    rng = np.random.default_rng(1000 + step)
    t0 = time.time()
    while step < a.vae_steps:
        for gr in opt.param_groups:   # cosine from --vae-lr to a tenth of it: fine colour needs the small steps at the end
            gr["lr"] = cosine(a.vae_lr, step, a.vae_steps)
        idx = rng.integers(0, data.n, a.vae_batch)
        x = crop(data.image_batch(idx), a.vae_crop, rng)
        mean, logvar = vae.encode(x)
        z = mean + (0.5 * logvar).exp() * torch.randn_like(mean)
        rec = vae.decode(z)
        l_rec = F.mse_loss(rec, x) + 0.5 * F.l1_loss(rec, x)
        kl = 0.5 * (mean ** 2 + logvar.exp() - 1 - logvar).mean()
        loss = l_rec + a.vae_kl * kl
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        t0 = after_step(a, "vae", step, a.vae_steps, t0, lambda: {"rec": round(l_rec.item(), 5), "kl": round(kl.item(), 4)},
                        lambda: save_ckpt(path, {"model": vae.state_dict(), "opt": opt.state_dict(), "step": step}))
    return vae


def crop(x, size, rng):
    """One random size×size window per image, on the 8-pixel latent grid (the VAE is convolutional; 4× cheaper at 64)."""
    if size >= x.shape[-1]:
        return x
    cells = (x.shape[-1] - size) // 8 + 1
    out = []
    for i in range(x.shape[0]):
        top, left = 8 * int(rng.integers(0, cells)), 8 * int(rng.integers(0, cells))
        out.append(x[i, :, top:top + size, left:left + size])
    return torch.stack(out)


def stage_latents(a, data, vae):
    """Encodes the first --latent-count training images once (the VAE's mean); batches flip them left-right."""
    path = os.path.join(a.work, "latents.pt")
    if os.path.exists(path):
        return torch.load(path)
    vae.eval()
    n = min(data.n, a.latent_count)
    out = []
    t0 = time.time()
    with torch.no_grad():
        for i in range(0, n, 64):
            idx = list(range(i, min(n, i + 64)))
            x = torch.from_numpy(np.stack([data.images[j] for j in idx])).permute(0, 3, 1, 2).float() / 127.5 - 1
            mean, _ = vae.encode(x)
            out.append(mean.half())
            if (i // 64) % 20 == 0:
                print("latents %d / %d (%.0f s)" % (i + len(idx), n, time.time() - t0), flush=True)
    lat = torch.cat(out)                               # [n, 4, h, w]
    std = lat.float().std().item()
    res = {"latents": lat, "scaling_factor": 1.0 / std}
    save_ckpt(path, res)
    log(a.work, {"stage": "latents", "count": n, "std": round(std, 4), "scaling_factor": round(1 / std, 5),
                 "seconds": round(time.time() - t0)})
    return res


def latent_batch(lat, idx, rng, scale):
    """Latents of the training images idx, half of them flipped left-right (every toy shape is symmetric that way)."""
    z = lat["latents"][torch.from_numpy(idx)].float()
    flip = torch.from_numpy(rng.random(len(idx)) < 0.5)
    z[flip] = z[flip].flip(-1)
    return z * scale


def stage_textpre(a, data):
    """The text encoder alone, taught to keep each caption's three attributes apart (AttributeHeads). SD starts from
    a pretrained CLIP whose embeddings already separate words; a toy CLIP trained from zero only by the UNet's denoising
    loss stays nearly blind to colours (docs/toy-models.md: the 2026-12-07 diagnosis). Fast: 64 wide, 2 layers."""
    path = os.path.join(a.work, "textpre.pt")
    text, heads = M.TextEncoder(config(data, "sd15", "text_encoder")), AttributeHeads(64)
    if os.path.exists(path):
        ck = torch.load(path)
        text.load_state_dict(ck["text"])
        heads.load_state_dict(ck["heads"])
        if ck["step"] >= a.text_steps:
            return text, heads
    opt = torch.optim.AdamW(list(text.parameters()) + list(heads.parameters()), lr=1e-3, weight_decay=0)
    step, eos = 0, int(data.uncond[1])
    rng = np.random.default_rng(500)
    t0 = time.time()
    while step < a.text_steps:
        idx = torch.from_numpy(rng.integers(0, data.n, 256))
        loss = heads.loss(text(data.tokens[idx]), data.tokens[idx], data.labels[idx], eos)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        t0 = after_step(a, "textpre", step, a.text_steps, t0, lambda: {"ce": round(loss.item(), 4)},
                        lambda: save_ckpt(path, {"text": text.state_dict(), "heads": heads.state_dict(), "step": step}))
    return text, heads


def stage_teacher(a, data, lat, vae):
    path = os.path.join(a.work, "teacher.pt")
    ucfg, preset = unet_cfg(data, "sd15")
    tcfg = config(data, "sd15", "text_encoder")
    unet, text = M.UNet(ucfg), M.TextEncoder(tcfg)
    check_names(unet.state_dict(), os.path.join(data.template("sd15"), "unet/diffusion_pytorch_model.safetensors"),
                what="sd15 unet")
    check_names(text.state_dict(), os.path.join(data.template("sd15"), "text_encoder/model.safetensors"),
                lambda k: not k.endswith("position_ids"), "text encoder")
    pre, heads = stage_textpre(a, data)
    text.load_state_dict(pre.state_dict())
    ema_u, ema_t = M.UNet(ucfg), M.TextEncoder(tcfg)
    ema_u.load_state_dict(unet.state_dict())
    ema_t.load_state_dict(text.state_dict())
    params = list(unet.parameters()) + list(text.parameters()) + list(heads.parameters())
    opt = torch.optim.AdamW(params, lr=a.lr, weight_decay=0.0)
    step = 0
    if os.path.exists(path):
        ck = torch.load(path)
        unet.load_state_dict(ck["unet"])
        ema_u.load_state_dict(ck["ema_unet"])
        step = ck["step"]
        if "heads" in ck:
            for m, k in ((text, "text"), (ema_t, "ema_text"), (heads, "heads")):
                m.load_state_dict(ck[k])
            opt.load_state_dict(ck["opt"])
        else:   # a checkpoint from before textpre (session 4's run): keep its UNet, take the pretrained text
            log(a.work, {"stage": "teacher", "step": step, "note": "text encoder replaced by textpre's; optimiser restarted"})
    if step < a.teacher_steps:
        train_unet(a, data, lat, vae, "teacher", path, unet, text, ema_u, ema_t, opt, step, a.teacher_steps,
                   "epsilon", None, None, heads)
    return ema_u, ema_t


def train_unet(a, data, lat, vae, stage, path, unet, text, ema_u, ema_t, opt, step, total, prediction, teacher,
               teacher_text, heads=None):
    rng = np.random.default_rng(2000 + step + (7 if stage == "student" else 0))
    scale = lat["scaling_factor"]
    t0 = time.time()
    warm = 200
    if a.eval_at_start and step < total:   # where a resumed (or seeded, seed.py) run starts from
        evaluate(a, data, lat, vae.decode, ema_u, ema_t if ema_t is not None else teacher_text, stage, step, prediction)
    while step < total:
        lr = min(1.0, (step + 1) / warm) * cosine(a.lr, step, total)
        for gr in opt.param_groups:
            gr["lr"] = lr
        idx = rng.integers(0, lat["latents"].shape[0], a.batch)
        x0 = latent_batch(lat, idx, rng, scale)
        tok = data.tokens[torch.from_numpy(idx)].clone()
        drop = torch.from_numpy(rng.random(a.batch) < 0.1)
        tok[drop] = data.uncond
        noise = torch.randn_like(x0)
        if a.offset_noise:   # per-image, per-channel constant: the model must take an image's mean colour from its text
            noise = noise + a.offset_noise * torch.randn(x0.shape[0], x0.shape[1], 1, 1)
        t = torch.from_numpy(rng.integers(0, T_TRAIN, a.batch))
        xt = add_noise(x0, noise, t)
        al = ALPHAS_CUMPROD[t].view(-1, 1, 1, 1)
        aux = torch.zeros(())
        if text is not None:
            ctx = text(tok)
            if heads is not None and a.text_aux and (~drop).any():   # the text keeps its attributes apart
                keep = ~drop
                aux = heads.loss(ctx[keep], tok[keep], data.labels[torch.from_numpy(idx)][keep], int(data.uncond[1]))
        else:
            with torch.no_grad():
                ctx = teacher_text(tok)
        out = unet(xt, t.float(), ctx)
        if prediction == "epsilon":
            # ε-MSE is SNR × x0-MSE: at high t, where the caption decides the colours, it barely feels them. Weight
            # 1/ᾱ (= the v-loss's weight on x0), capped, puts that back; normalised so the loss keeps its scale
            w = (1 / al).clamp(max=a.high_t_weight) if a.high_t_weight > 1 else torch.ones_like(al)
            loss = (((out - noise) ** 2).mean(dim=(1, 2, 3)) * w.flatten()).sum() / w.sum() + a.text_aux * aux
            kd = torch.zeros(())
        else:
            v = al.sqrt() * noise - (1 - al).sqrt() * x0
            with torch.no_grad():
                eps_t = teacher(xt, t.float(), ctx)
                x0_t = (xt - (1 - al).sqrt() * eps_t) / al.sqrt()
                v_t = al.sqrt() * eps_t - (1 - al).sqrt() * x0_t
            # clip the teacher's v where its x0 estimate is ill-posed (t near T): x0 = (x - sqrt(1-a) eps) / sqrt(a)
            w_kd = (al.sqrt() > 0.2).float()
            kd = ((out - v_t) ** 2 * w_kd).mean()
            loss = F.mse_loss(out, v) + a.kd * kd
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for g in opt.param_groups for p in g["params"]], 1.0)
        opt.step()
        step += 1
        ema_update(ema_u, unet, step)
        if ema_t is not None:
            ema_update(ema_t, text, step)
        t0 = after_step(a, stage, step, total, t0,
                        lambda: {"loss": round(loss.item(), 5), "kd": round(kd.item(), 5), "aux": round(aux.item(), 4),
                                 "lr": round(lr, 7)},
                        lambda: save_unets(path, unet, ema_u, text, ema_t, opt, step, heads))
        if a.eval_every and (step % a.eval_every == 0 or step == total):
            evaluate(a, data, lat, vae.decode, ema_u, ema_t if ema_t is not None else teacher_text, stage, step,
                     prediction)


def save_unets(path, unet, ema_u, text, ema_t, opt, step, heads=None):
    ck = {"unet": unet.state_dict(), "ema_unet": ema_u.state_dict(), "opt": opt.state_dict(), "step": step}
    if heads is not None:
        ck["heads"] = heads.state_dict()
    if text is not None:
        ck["text"] = text.state_dict()
        ck["ema_text"] = ema_t.state_dict()
    save_ckpt(path, ck)


def evaluate(a, data, lat, decode, unet, text, stage, step, prediction, count=None, tag=None):
    count = count or a.eval_count
    steps, spacing = (50, "leading") if prediction == "epsilon" else (8, "trailing")
    unet.eval()
    text.eval()
    imgs = []
    for i in range(0, count, 24):
        n = min(24, count - i)
        z = sample(unet, text, data.eval_tokens[i:i + n], data.uncond, steps, spacing, prediction, a.eval_cfg,
                   (4, data.size // 8, data.size // 8), seed=i)
        with torch.no_grad():
            imgs.append(to_rgb(decode(z / lat["scaling_factor"])))
    unet.train()
    text.train()
    folder = os.path.join(a.work, "eval", tag or "%s-%06d" % (stage, step))
    v = judge(folder, np.concatenate(imgs), data.eval_captions[:count], stage)
    if v is not None:
        log(a.work, {"stage": stage, "eval_step": step, "images": count, "steps": steps,
                     "color_adherence_pct": v["color_adherence_pct"], "shape_adherence_pct": v["shape_adherence_pct"],
                     "background_pct": v["background_pct"], "shape_color_pct": v["shape_color_pct"]})


def derive_student(teacher_sd, student_sd, t_stages, s_stages):
    """The converter's derive rule (docs/architectures.md): down and mid keep the parent's first blocks, up stages its
    last; more attentions than the parent repeat them (k mod n). Tensors whose shapes differ keep their fresh init."""
    out, fresh = {}, []
    for k, v in student_sd.items():
        parts = k.split(".")
        src = k
        if parts[0] in ("down_blocks", "up_blocks", "mid_block") and len(parts) > 3:
            if parts[0] == "mid_block":
                stage, kind, j, rest = "mid", parts[1], int(parts[2]), parts[3:]
                head = ["mid_block"]
            else:
                stage = ("down." if parts[0] == "down_blocks" else "up.") + parts[1]
                kind = parts[2]
                head = parts[:2]
                j = int(parts[3]) if kind in ("resnets", "attentions") else None
                rest = parts[4:]
            if kind in ("resnets", "attentions"):
                layer = "resnet" if kind == "resnets" else "cross_attention"
                nt = t_stages[stage].count(layer)
                ns = s_stages[stage].count(layer)
                if stage.startswith("up") and ns <= nt:
                    jj = nt - ns + j
                else:
                    jj = j % nt
                src = ".".join(head + [kind, str(jj)] + rest)
        if src in teacher_sd and teacher_sd[src].shape == v.shape:
            out[k] = teacher_sd[src].clone()
        else:
            out[k] = v
            fresh.append(k)
    return out, fresh


def stage_student(a, data, lat, vae, teacher, text):
    path = os.path.join(a.work, "student.pt")
    ucfg, _ = unet_cfg(data, "snapfusion")
    tcfg, _ = unet_cfg(data, "sd15")
    unet = M.UNet(ucfg)
    check_names(unet.state_dict(), os.path.join(data.template("snapfusion"), "unet/diffusion_pytorch_model.safetensors"),
                what="snapfusion unet")
    ema_u = M.UNet(ucfg)
    opt = torch.optim.AdamW(unet.parameters(), lr=a.lr, weight_decay=0.0)
    step = 0
    if os.path.exists(path):
        ck = torch.load(path)
        unet.load_state_dict(ck["unet"])
        ema_u.load_state_dict(ck["ema_unet"])
        opt.load_state_dict(ck["opt"])
        step = ck["step"]
    else:
        sd, fresh = derive_student(teacher.state_dict(), unet.state_dict(), tcfg["stages"], ucfg["stages"])
        unet.load_state_dict(sd)
        ema_u.load_state_dict(sd)
        log(a.work, {"stage": "student", "derived_from_teacher": len(sd) - len(fresh), "fresh": len(fresh)})
    teacher.eval()
    text.eval()
    for p in list(teacher.parameters()) + list(text.parameters()):
        p.requires_grad_(False)
    if step < a.student_steps:
        train_unet(a, data, lat, vae, "student", path, unet, None, ema_u, None, opt, step, a.student_steps,
                   "v_prediction", teacher, text)
    return ema_u


def stage_refine(a, data, lat, vae):
    """The SD decoder (and post_quant_conv) trained further on the cached latents against the true images: the latents
    the UNets learned stay as they are, the decoder's colours get crisper. Crops of 8×8 latents ↔ 64×64 pixels."""
    path = os.path.join(a.work, "refine.pt")
    params = list(vae.decoder.parameters()) + list(vae.post_quant_conv.parameters())
    opt = torch.optim.AdamW(params, lr=a.refine_lr, weight_decay=0)
    step = resume(path, vae, opt)
    rng = np.random.default_rng(4000 + step)
    n = lat["latents"].shape[0]
    t0 = time.time()
    while step < a.refine_steps:
        for gr in opt.param_groups:
            gr["lr"] = cosine(a.refine_lr, step, a.refine_steps)
        idx = rng.integers(0, n, a.vae_batch)
        z = lat["latents"][torch.from_numpy(idx)].float()
        x = torch.from_numpy(np.stack([data.images[i] for i in idx])).permute(0, 3, 1, 2).float() / 127.5 - 1
        cells = z.shape[-1] - 8 + 1
        zs, xs = [], []
        for i in range(len(idx)):
            top, left = int(rng.integers(0, cells)), int(rng.integers(0, cells))
            zc, xc = z[i, :, top:top + 8, left:left + 8], x[i, :, 8 * top:8 * top + 64, 8 * left:8 * left + 64]
            if rng.random() < 0.5:
                zc, xc = zc.flip(-1), xc.flip(-1)
            zs.append(zc)
            xs.append(xc)
        z, x = torch.stack(zs), torch.stack(xs)
        z = z + 0.05 * z.std() * torch.randn_like(z)
        out = vae.decode(z)
        loss = F.mse_loss(out, x) + 0.5 * F.l1_loss(out, x)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        t0 = after_step(a, "refine", step, a.refine_steps, t0, lambda: {"rec": round(loss.item(), 5)},
                        lambda: save_ckpt(path, {"model": vae.state_dict(), "opt": opt.state_dict(), "step": step}))
    vae.eval()
    return vae


@torch.no_grad()
def pipeline_latents(a, data, lat, student, text):
    """Latents as the shipped SnapFusion pipeline hands them to its decoder: the student's 8-step samples of training
    captions at the evaluation guidance, unscaled. Made once per student step and cached in --work."""
    step = torch.load(os.path.join(a.work, "student.pt"))["step"]
    path = os.path.join(a.work, "pipeline-latents.pt")
    if os.path.exists(path):
        ck = torch.load(path)
        if ck["student_step"] == step and ck["latents"].shape[0] == a.decoder_pipeline_latents:
            return ck["latents"]
    rng = np.random.default_rng(4000)
    shape = tuple(lat["latents"].shape[1:])
    out, t0 = [], time.time()
    for start in range(0, a.decoder_pipeline_latents, 64):
        n = min(64, a.decoder_pipeline_latents - start)
        tok = data.tokens[torch.from_numpy(rng.integers(0, data.tokens.shape[0], n))]
        x = sample(student, text, tok, data.uncond, 8, "trailing", "v_prediction", a.eval_cfg, shape, 4000 + start)
        out.append(x / lat["scaling_factor"])
        print("pipeline latents %d / %d (%d s)" % (start + n, a.decoder_pipeline_latents, time.time() - t0), flush=True)
    latents = torch.cat(out)
    save_ckpt(path, {"student_step": step, "latents": latents})
    log(a.work, {"stage": "pipeline-latents", "student_step": step, "count": latents.shape[0],
                 "seconds": round(time.time() - t0)})
    return latents


def stage_decoder(a, data, lat, vae, student=None, text=None):
    path = os.path.join(a.work, "decoder.pt")
    cfg = config(data, "snapfusion", "vae")
    small = M.Vae(cfg, with_encoder=False)
    check_names(small.state_dict(), os.path.join(data.template("snapfusion"), "vae/diffusion_pytorch_model.safetensors"),
                lambda k: not k.startswith("encoder.") and not k.startswith("quant_conv"), "snapfusion decoder")
    opt = torch.optim.AdamW(small.parameters(), lr=a.vae_lr)
    step = resume(path, small, opt)
    rng = np.random.default_rng(3000 + step)
    vae.eval()
    pool = None
    if a.decoder_pipeline_latents and step < a.decoder_steps:
        pool = pipeline_latents(a, data, lat, student, text)
    t0 = time.time()
    while step < a.decoder_steps:
        for gr in opt.param_groups:
            gr["lr"] = cosine(a.vae_lr, step, a.decoder_steps)
        idx = rng.integers(0, lat["latents"].shape[0], a.vae_batch)
        z = latent_batch(lat, idx, rng, 1.0)
        z = z + 0.1 * z.std() * torch.randn_like(z)    # what a sampler hands the decoder is not exactly on the data
        if pool is not None:   # half the batch: what the student itself hands the decoder (session 9)
            half = a.vae_batch // 2
            z[half:] = pool[torch.from_numpy(rng.integers(0, pool.shape[0], a.vae_batch - half))]
        with torch.no_grad():
            target = vae.decode(z)
        out = small.decode(z)
        loss = F.mse_loss(out, target) + 0.5 * F.l1_loss(out, target)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        t0 = after_step(a, "decoder", step, a.decoder_steps, t0, lambda: {"loss": round(loss.item(), 5),
                                                                     "lr": round(opt.param_groups[0]["lr"], 7)},
                        lambda: save_ckpt(path, {"model": small.state_dict(), "opt": opt.state_dict(), "step": step}))
    return small


def export(a, data, lat, name, text, unet, vae, prediction, spacing):
    dst = os.path.join(a.out, "toy-" + name)
    tmp = dst + ".part"
    shutil.rmtree(tmp, ignore_errors=True)
    src = data.template(name)
    for sub in ("tokenizer", "text_encoder", "unet", "vae", "scheduler"):
        os.makedirs(os.path.join(tmp, sub), exist_ok=True)
    shutil.copytree(os.path.join(src, "tokenizer"), os.path.join(tmp, "tokenizer"), dirs_exist_ok=True)
    mi = json.load(open(os.path.join(src, "model_index.json")))
    mi["scheduler"] = ["diffusers", "DDIMScheduler"]
    json.dump(mi, open(os.path.join(tmp, "model_index.json"), "w"), indent=2)
    for sub in ("unet", "text_encoder"):
        shutil.copy(os.path.join(src, sub, "config.json"), os.path.join(tmp, sub, "config.json"))
    vc = json.load(open(os.path.join(src, "vae/config.json")))
    vc["scaling_factor"] = round(lat["scaling_factor"], 6)
    json.dump(vc, open(os.path.join(tmp, "vae/config.json"), "w"), indent=2)
    sc = json.load(open(os.path.join(src, "scheduler/scheduler_config.json")))
    sc.update({"_class_name": "DDIMScheduler", "prediction_type": prediction, "timestep_spacing": spacing,
               "clip_sample": False})
    json.dump(sc, open(os.path.join(tmp, "scheduler/scheduler_config.json"), "w"), indent=2)

    def half(sd):
        return {k: v.detach().float().numpy().astype(np.float16) for k, v in sd.items()}

    t = half(text.state_dict())
    t["text_model.embeddings.position_ids"] = np.arange(77, dtype=np.int64)[None]
    write_safetensors(os.path.join(tmp, "text_encoder/model.safetensors"), t)
    write_safetensors(os.path.join(tmp, "unet/diffusion_pytorch_model.safetensors"), half(unet.state_dict()))
    write_safetensors(os.path.join(tmp, "vae/diffusion_pytorch_model.safetensors"), half(vae.state_dict()))
    shutil.rmtree(dst, ignore_errors=True)
    os.replace(tmp, dst)
    print("wrote", dst, flush=True)


def fast_runtime():
    """Re-runs this process once with two settings that made training several times faster on 2 cores here
    (docs/toy-models.md, session 9); TOY_TRAIN_FAST=0 keeps the process as started.

    - OPENBLAS_NUM_THREADS=1: PyTorch already splits its work over its own OpenMP threads; OpenBLAS's own threads on
      top of them spin against each other (a 512x96 @ 96x96 matmul took 2.9 ms, 0.09 ms with one OpenBLAS thread).
    - tcmalloc (Debian's libtcmalloc-minimal4), when installed: with glibc's malloc every large activation (the
      teacher's 16x16 attention maps are 32 MiB at batch 32) is a fresh mmap, page-faulted and zeroed on every use."""
    if os.environ.get("TOY_TRAIN_FAST") in ("0", "done"):
        return
    os.environ["TOY_TRAIN_FAST"] = "done"
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    libs = sorted(glob.glob("/usr/lib/*/libtcmalloc_minimal.so.4"))
    if libs:
        os.environ["LD_PRELOAD"] = (libs[0] + " " + os.environ.get("LD_PRELOAD", "")).strip()
    else:
        print("note: libtcmalloc-minimal4 is not installed; training runs slower on glibc's malloc", file=sys.stderr)
    os.execv(sys.executable, [sys.executable] + sys.argv)


def main():
    fast_runtime()
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--stages", default="vae,latents,teacher,student,decoder,export")
    p.add_argument("--vae-steps", type=int, default=1500)
    p.add_argument("--vae-batch", type=int, default=16)
    p.add_argument("--vae-lr", type=float, default=1e-3)
    p.add_argument("--vae-crop", type=int, default=64)
    p.add_argument("--vae-kl", type=float, default=1e-4)
    p.add_argument("--latent-count", type=int, default=12000)
    p.add_argument("--teacher-steps", type=int, default=4000)
    p.add_argument("--student-steps", type=int, default=2500)
    p.add_argument("--decoder-steps", type=int, default=800)
    p.add_argument("--refine-steps", type=int, default=0)
    p.add_argument("--decoder-pipeline-latents", type=int, default=0,
                   help="distil the SnapFusion decoder on this many of the student's own 8-step samples too (half of "
                        "each batch), besides the training latents (0 = training latents only)")
    p.add_argument("--refine-lr", type=float, default=3e-4)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--kd", type=float, default=1.0)
    p.add_argument("--text-steps", type=int, default=300, help="textpre steps (batch 256)")
    p.add_argument("--text-aux", type=float, default=0.05,
                   help="weight of the attribute heads' loss while the teacher trains the text encoder further")
    p.add_argument("--offset-noise", type=float, default=0.1,
                   help="std of a per-image per-channel constant added to the training noise (0 = off)")
    p.add_argument("--high-t-weight", type=float, default=20.0,
                   help="cap of the teacher's 1/alpha_bar loss weight (1 = plain epsilon MSE)")
    p.add_argument("--eval-every", type=int, default=1000)
    p.add_argument("--eval-count", type=int, default=48)
    p.add_argument("--eval-at-start", action="store_true",
                   help="evaluate the UNet stage's weights before its first step (e.g. after seed.py)")
    p.add_argument("--final-eval", type=int, default=168)
    p.add_argument("--eval-cfg", type=float, default=3.0,
                   help="guidance scale of the evaluations (the demo presets' default_cfg; 7.5 before session 7)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    os.makedirs(a.work, exist_ok=True)
    stages = a.stages.split(",")
    data = Data(a.data)
    vae = stage_vae(a, data)
    vae.eval()
    if "latents" not in stages and "teacher" not in stages:
        return
    lat = stage_latents(a, data, vae)
    if "teacher" not in stages:
        return
    teacher, text = stage_teacher(a, data, lat, vae)
    if "student" not in stages:
        return
    student = stage_student(a, data, lat, vae, teacher, text)
    if a.refine_steps:
        vae = stage_refine(a, data, lat, vae)
    if "decoder" not in stages:
        return
    small = stage_decoder(a, data, lat, vae, student, text)
    small.eval()
    if "export" in stages:
        os.makedirs(a.out, exist_ok=True)
        export(a, data, lat, "sd15", text, teacher, vae, "epsilon", "leading")
        export(a, data, lat, "snapfusion", text, student, small, "v_prediction", "trailing")
    if a.final_eval:
        evaluate(a, data, lat, vae.decode, teacher, text, "teacher", a.teacher_steps, "epsilon", a.final_eval, "final-sd15")
        evaluate(a, data, lat, small.decode, student, text, "student", a.student_steps, "v_prediction", a.final_eval,
                 "final-snapfusion")


if __name__ == "__main__":
    main()
