#!/usr/bin/python3
"""One training step of every stage on a tiny training set: the names and shapes agree with the studio's templates, the
weights stay finite, and both diffusers folders are exported.
Run after editing the trainer (it takes about a minute on 2 cores; it never trains for real):

    ./studio toy trainset --count 16 --size 128 --out /tmp/toy-selftest/data
    /usr/bin/python3 tools/toy-train/selftest.py /tmp/toy-selftest/data
"""
import os
import subprocess
import sys
import tempfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def main(data):
    with tempfile.TemporaryDirectory() as work:
        out = os.path.join(work, "out")
        cmd = [sys.executable, os.path.join(HERE, "train.py"), "--data", data, "--work", work, "--out", out,
               "--vae-steps", "1", "--vae-batch", "2", "--teacher-steps", "1", "--student-steps", "1", "--decoder-steps", "1",
               "--refine-steps", "1", "--text-steps", "1", "--decoder-pipeline-latents", "4",
               "--batch", "2", "--latent-count", "16", "--eval-every", "0", "--final-eval", "0"]
        subprocess.run(cmd, check=True)
        for stage in ("vae", "textpre", "teacher", "student", "refine", "decoder"):
            ck = torch.load(os.path.join(work, stage + ".pt"))
            assert ck["step"] == 1, (stage, ck["step"])
            state = ck.get("model") or ck.get("unet") or ck.get("text")
            assert all(torch.isfinite(v).all() for v in state.values()), stage + ": non-finite weights after one step"
        pool = torch.load(os.path.join(work, "pipeline-latents.pt"))
        assert pool["student_step"] == 1 and tuple(pool["latents"].shape[:2]) == (4, 4), "pipeline latents"
        assert torch.isfinite(pool["latents"]).all(), "pipeline latents: non-finite"
        for name in ("toy-sd15", "toy-snapfusion"):
            for f in ("unet/diffusion_pytorch_model.safetensors", "vae/diffusion_pytorch_model.safetensors",
                      "text_encoder/model.safetensors", "scheduler/scheduler_config.json", "tokenizer/vocab.json"):
                assert os.path.isfile(os.path.join(out, name, f)), (name, f)
        print("selftest passed: one step of vae, textpre, teacher, student, refine and decoder (with 4 of the student's own "
              "latents); both folders exported")


if __name__ == "__main__":
    main(sys.argv[1])
