#!/usr/bin/python3
"""Prompt adherence against the guidance scale: samples the first N evaluation prompts with the trainer's PyTorch
sampler at each CFG and scores them with `studio judge`. Chose the demo presets' default_cfg (docs/toy-models.md,
session 7). Folders of PNGs go to WORK/eval/<model>-cfg<scale>.

    /usr/bin/python3 tools/toy-train/cfg_sweep.py work/toy-train student 48 2,3,5,7.5
    /usr/bin/python3 tools/toy-train/cfg_sweep.py work/toy-train teacher 48 2,3,5,7.5

The student (8 trailing DDIM steps, v-prediction) is decoded with SnapFusion's half-channel decoder (decoder.pt), the
teacher (50 leading steps, ε) with the SD decoder (vae.pt); both read the teacher's EMA text encoder.
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import toymodels as M  # noqa: E402
import train as T  # noqa: E402


def main(work, which, n, scales):
    torch.set_num_threads(os.cpu_count())
    data = T.Data(os.path.join(work, "data"))
    lat = torch.load(os.path.join(work, "latents.pt"))
    teacher = torch.load(os.path.join(work, "teacher.pt"))
    text = M.TextEncoder(T.config(data, "sd15", "text_encoder"))
    text.load_state_dict(teacher["ema_text"])
    if which == "student":
        unet = M.UNet(T.unet_cfg(data, "snapfusion")[0])
        unet.load_state_dict(torch.load(os.path.join(work, "student.pt"))["ema_unet"])
        decoder = M.Vae(T.config(data, "snapfusion", "vae"), with_encoder=False)
        decoder.load_state_dict(torch.load(os.path.join(work, "decoder.pt"))["model"])
        steps, spacing, prediction = 8, "trailing", "v_prediction"
    else:
        unet = M.UNet(T.unet_cfg(data, "sd15")[0])
        unet.load_state_dict(teacher["ema_unet"])
        decoder = M.Vae(T.config(data, "sd15", "vae"))
        decoder.load_state_dict(torch.load(os.path.join(work, "vae.pt"))["model"])
        steps, spacing, prediction = 50, "leading", "epsilon"
    for m in (unet, text, decoder):
        m.eval()
    print("| CFG | colour adherence % | shape adherence % | background % | shape colour % |")
    print("|---|---|---|---|---|")
    for cfg in scales:
        imgs = []
        for i in range(0, n, 24):
            k = min(24, n - i)
            z = T.sample(unet, text, data.eval_tokens[i:i + k], data.uncond, steps, spacing, prediction, cfg,
                         (4, data.size // 8, data.size // 8), seed=i)
            with torch.no_grad():
                imgs.append(T.to_rgb(decoder.decode(z / lat["scaling_factor"])))
        v = T.judge(os.path.join(work, "eval", "%s-cfg%s" % (which, cfg)), np.concatenate(imgs),
                    data.eval_captions[:n], which)
        print("| %s | %.1f | %.1f | %.1f | %.1f |" % (cfg, v["color_adherence_pct"], v["shape_adherence_pct"],
                                                    v["background_pct"], v["shape_color_pct"]), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), [float(s) for s in sys.argv[4].split(",")])
