#!/usr/bin/python3
"""Makes train.py's checkpoints from the shipped toy models, so training can go on from them on a machine that has
never run the earlier stages (the checkpoints in --work are not in the repo and go with the machine).

    ./studio toy trainset --count 24000 --size 128 --out work/toy-train/data
    /usr/bin/python3 tools/toy-train/seed.py --data work/toy-train/data --work work/toy-train \
        --models assets/src/main/resources/dev/snapfusion/assets/models \
        --vae-step 2400 --teacher-step 5200 --student-step 2000 --decoder-step 3000
    /usr/bin/python3 tools/toy-train/train.py ... --teacher-steps 6400 ...     # goes on from step 5,200

The steps are the ones the shipped weights were trained to (docs/toy-models.md); train.py resumes from them. The
shipped weights are the EMA weights in fp16: both the weights and their EMA start from them, the optimisers start
empty (a learning-rate warm restart in effect). The text encoder's attribute heads are not shipped: they are fitted
again here on the frozen shipped text encoder. An existing checkpoint is never overwritten.
"""
import argparse
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import toymodels as M  # noqa: E402
import train as T  # noqa: E402


def tensors(folder, component):
    """One component's shipped tensors as fp32 torch tensors, the tokenizer's position ids left out."""
    name = "model.safetensors" if component == "text_encoder" else "diffusion_pytorch_model.safetensors"
    path = os.path.join(folder, component, name)
    if not os.path.exists(path):
        raise SystemExit("not found: %s (is --models the folder holding toy-sd15/ and toy-snapfusion/?)" % path)
    return {k: torch.from_numpy(v.astype(np.float32)) for k, v in T.read_safetensors(path).items()
            if not k.endswith("position_ids")}


def loaded(module, sd, what):
    missing, unexpected = module.load_state_dict(sd, strict=False)
    if missing or unexpected:
        raise SystemExit("%s: the shipped tensors do not fit the trainer's model (missing %s, unexpected %s)"
                         % (what, missing[:5], unexpected[:5]))
    return module


def fit_heads(data, text, steps):
    """The attribute heads on the frozen text encoder: textpre's loss, the text encoder not trained."""
    heads = T.AttributeHeads(64)   # as train.py's textpre
    text.eval()
    opt = torch.optim.AdamW(heads.parameters(), lr=1e-2, weight_decay=0)
    rng = np.random.default_rng(501)
    eos = int(data.uncond[1])
    loss = None
    for _ in range(steps):
        idx = torch.from_numpy(rng.integers(0, data.n, 256))
        with torch.no_grad():
            states = text(data.tokens[idx])
        loss = heads.loss(states, data.tokens[idx], data.labels[idx], eos)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return heads, loss.item()


def write(path, ck):
    if os.path.exists(path):
        print("kept", path, "(already there)", flush=True)
        return
    T.save_ckpt(path, ck)
    print("wrote", path, "at step", ck.get("step"), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--models", required=True, help="folder with toy-sd15/ and toy-snapfusion/ (diffusers folders)")
    p.add_argument("--vae-step", type=int, required=True)
    p.add_argument("--text-step", type=int, default=300)
    p.add_argument("--teacher-step", type=int, required=True)
    p.add_argument("--student-step", type=int, required=True)
    p.add_argument("--decoder-step", type=int, required=True)
    p.add_argument("--head-steps", type=int, default=200)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    os.makedirs(a.work, exist_ok=True)
    data = T.Data(a.data)
    sd15, sf = os.path.join(a.models, "toy-sd15"), os.path.join(a.models, "toy-snapfusion")
    t0 = time.time()

    vae = loaded(M.Vae(T.config(data, "sd15", "vae")), tensors(sd15, "vae"), "SD VAE")
    write(os.path.join(a.work, "vae.pt"), {"model": vae.state_dict(),
                                           "opt": torch.optim.AdamW(vae.parameters()).state_dict(), "step": a.vae_step})

    tcfg = T.config(data, "sd15", "text_encoder")
    text = loaded(M.TextEncoder(tcfg), tensors(sd15, "text_encoder"), "text encoder")
    heads, ce = fit_heads(data, text, a.head_steps)
    print("attribute heads fitted on the shipped text encoder: cross-entropy %.4f" % ce, flush=True)
    write(os.path.join(a.work, "textpre.pt"), {"text": text.state_dict(), "heads": heads.state_dict(),
                                               "step": a.text_step})

    ucfg, _ = T.unet_cfg(data, "sd15")
    unet = loaded(M.UNet(ucfg), tensors(sd15, "unet"), "SD-shaped UNet")
    params = list(unet.parameters()) + list(text.parameters()) + list(heads.parameters())
    write(os.path.join(a.work, "teacher.pt"), {
        "unet": unet.state_dict(), "ema_unet": unet.state_dict(), "text": text.state_dict(),
        "ema_text": text.state_dict(), "heads": heads.state_dict(),
        "opt": torch.optim.AdamW(params, weight_decay=0.0).state_dict(), "step": a.teacher_step})

    scfg, _ = T.unet_cfg(data, "snapfusion")
    student = loaded(M.UNet(scfg), tensors(sf, "unet"), "SnapFusion-shaped UNet")
    write(os.path.join(a.work, "student.pt"), {
        "unet": student.state_dict(), "ema_unet": student.state_dict(),
        "opt": torch.optim.AdamW(student.parameters(), weight_decay=0.0).state_dict(), "step": a.student_step})

    small = loaded(M.Vae(T.config(data, "snapfusion", "vae"), with_encoder=False), tensors(sf, "vae"),
                   "SnapFusion decoder")
    write(os.path.join(a.work, "decoder.pt"), {"model": small.state_dict(),
                                               "opt": torch.optim.AdamW(small.parameters()).state_dict(),
                                               "step": a.decoder_step})
    T.log(a.work, {"stage": "seed", "from": os.path.abspath(a.models), "vae": a.vae_step, "teacher": a.teacher_step,
                   "student": a.student_step, "decoder": a.decoder_step, "heads_ce": round(ce, 4),
                   "seconds": round(time.time() - t0)})


if __name__ == "__main__":
    main()
