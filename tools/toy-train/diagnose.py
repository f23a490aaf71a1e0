#!/usr/bin/python3
"""Does the teacher use its text? The denoising loss on training latents at several noise levels with the right
caption, another sample's caption, and the empty prompt. A UNet that reads the caption has a clearly lower loss with the
right one (most at high noise, where the caption says what the image's colours are); equal losses mean the text path is
not used yet. docs/toy-models.md quotes the output.

    /usr/bin/python3 tools/toy-train/diagnose.py work/toy-train/data work/toy-train/teacher.pt [--raw]

--raw reads the trained weights instead of their EMA (which lags about 1,000 steps behind).
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import toymodels as M  # noqa: E402
import train as T  # noqa: E402


def main(data_dir, ckpt, raw=False, n=32):
    torch.set_num_threads(os.cpu_count())
    data = T.Data(data_dir)
    ucfg, _ = T.unet_cfg(data, "sd15")
    unet, text = M.UNet(ucfg), M.TextEncoder(T.config(data, "sd15", "text_encoder"))
    ck = torch.load(ckpt)
    unet.load_state_dict(ck["unet" if raw else "ema_unet"])
    text.load_state_dict(ck["text" if raw else "ema_text"])
    unet.eval()
    text.eval()
    lat = torch.load(os.path.join(os.path.dirname(ckpt), "latents.pt"))
    idx = np.arange(n)
    x0 = lat["latents"][idx].float() * lat["scaling_factor"]
    right = data.tokens[idx]
    wrong = right.roll(1, 0)
    empty = data.uncond.expand(n, -1)
    torch.manual_seed(0)
    print("teacher step %d (%s weights); denoising MSE over %d training latents" % (ck["step"], "raw" if raw else "EMA", n))
    print("| t | ε MSE: right caption | another caption | empty prompt | x0 MSE: right | another | empty |")
    print("|---|---|---|---|---|---|---|")
    with torch.no_grad():
        for t in (100, 300, 500, 700, 900, 980):
            noise = torch.randn_like(x0)
            ts = torch.full((n,), t)
            xt = T.add_noise(x0, noise, ts)
            a = T.ALPHAS_CUMPROD[t]
            eps = [unet(xt, ts.float(), text(tok)) for tok in (right, wrong, empty)]
            losses = [((e - noise) ** 2).mean().item() for e in eps]
            # the x0 the prediction implies: what the sampler's first steps commit to (colours live here at high t)
            x0s = [(((xt - (1 - a).sqrt() * e) / a.sqrt() - x0) ** 2).mean().item() for e in eps]
            print("| %d | %.4f | %.4f | %.4f | %.3f | %.3f | %.3f |" % ((t,) + tuple(losses) + tuple(x0s)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--raw" in sys.argv[3:])
