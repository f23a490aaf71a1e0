#!/usr/bin/python3
"""Writes golden.safetensors for a toy diffusers folder: fixed inputs and this tool's fp32 outputs of the text
encoder, the UNet and the VAE decoder, computed from the folder's own (fp16) weights. ToyModelsGoldenTest feeds the
same inputs to the converter's reference ops and requires the same outputs: the proof that the trainer's PyTorch
modules compute what the converted graphs compute.

    /usr/bin/python3 tools/toy-train/golden.py FOLDER OUT.safetensors
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import toymodels as M  # noqa: E402
from train import read_safetensors, write_safetensors  # noqa: E402


def load(module, path, skip=lambda k: False):
    sd = {k: torch.from_numpy(v.astype(np.float32)) for k, v in read_safetensors(path).items()
          if not skip(k) and v.dtype != np.int64}
    module.load_state_dict(sd, strict=True)
    return module.eval()


def diffusers_stages(c):
    """Stage lists of an even diffusers config, as DiffusersConfigs reads them (docs/sources.md)."""
    n, L = len(c["block_out_channels"]), c["layers_per_block"]
    st = {}
    for i, t in enumerate(c["down_block_types"]):
        st["down.%d" % i] = ["resnet", "cross_attention"] * L if t == "CrossAttnDownBlock2D" else ["resnet"] * L
    for i, t in enumerate(c["up_block_types"]):
        st["up.%d" % i] = ["resnet", "cross_attention"] * (L + 1) if t == "CrossAttnUpBlock2D" else ["resnet"] * (L + 1)
    st["mid"] = ["resnet", "cross_attention", "resnet"] if c.get("mid_block_type", "UNetMidBlock2DCrossAttn") else []
    return st


def main(folder, out):
    cfg = lambda c: json.load(open(os.path.join(folder, c, "config.json")))
    ucfg = cfg("unet")
    stages = ucfg.get("snapfusion_stages") or diffusers_stages(ucfg)
    u = {"block_out_channels": ucfg["block_out_channels"], "stages": stages, "norm_num_groups": ucfg["norm_num_groups"],
         "norm_eps": ucfg["norm_eps"], "attention_heads": ucfg["attention_head_dim"],
         "cross_attention_dim": ucfg["cross_attention_dim"], "in_channels": ucfg["in_channels"],
         "out_channels": ucfg["out_channels"]}
    text = load(M.TextEncoder(cfg("text_encoder")), os.path.join(folder, "text_encoder/model.safetensors"))
    unet = load(M.UNet(u), os.path.join(folder, "unet/diffusion_pytorch_model.safetensors"))
    vae = load(M.Vae(cfg("vae"), with_encoder=False), os.path.join(folder, "vae/diffusion_pytorch_model.safetensors"),
               lambda k: k.startswith("encoder.") or k.startswith("quant_conv"))
    g = torch.Generator().manual_seed(7)
    ids = torch.tensor([[998] + [320, 658, 66, 72, 81] + [999] * 71])
    s = ucfg["sample_size"]
    sample = torch.randn(1, 4, s, s, generator=g)
    latent = torch.randn(1, 4, s, s, generator=g)
    with torch.no_grad():
        ctx = text(ids)
        eps = unet(sample, torch.tensor([500.0]), ctx)
        image = vae.decode(latent)
    write_safetensors(out, {"input_ids": ids.numpy().astype(np.float32), "context": ctx.numpy(),
                            "sample": sample.numpy(), "timestep": np.array([500], dtype=np.float32),
                            "unet_out": eps.numpy(), "latent": latent.numpy(), "image": image.numpy()})
    print("wrote", out, "context", float(ctx.abs().mean()), "unet", float(eps.abs().mean()),
          "image", float(image.abs().mean()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
