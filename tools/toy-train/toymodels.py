"""PyTorch modules of the toy pair, written to compute exactly what the studio's converter emits
(tflite-bridge/.../graph/{UnetBuilder,TextEncoderBuilder,VaeDecoderBuilder}.java) and to carry diffusers'
tensor names, so a state_dict saved from here is a diffusers folder the converter reads.

A one-off tool (docs/toy-models.md): the product and its tests stay Java.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def sinusoidal(t, dim):
    """The runner's TimestepEmbedding.sinusoidal: flip_sin_to_cos=True, freq_shift=0; t is a float tensor [B]."""
    half = dim // 2
    i = torch.arange(half, dtype=torch.float64)
    freq = torch.exp(-math.log(10000.0) * i / half)
    arg = t.double()[:, None] * freq[None, :]
    return torch.cat([torch.cos(arg), torch.sin(arg)], dim=1).float()


def gelu_tanh(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


class Attention(nn.Module):
    """diffusers Attention: to_q/to_k/to_v (bias optional), to_out.0 with bias."""

    def __init__(self, c, kv_dim, heads, qkv_bias):
        super().__init__()
        self.heads = heads
        self.to_q = nn.Linear(c, c, bias=qkv_bias)
        self.to_k = nn.Linear(kv_dim, c, bias=qkv_bias)
        self.to_v = nn.Linear(kv_dim, c, bias=qkv_bias)
        self.to_out = nn.ModuleList([nn.Linear(c, c)])

    def forward(self, x, kv):
        b, n, c = x.shape
        m = kv.shape[1]
        h, d = self.heads, c // self.heads
        q = self.to_q(x).view(b, n, h, d).transpose(1, 2) / math.sqrt(d)
        k = self.to_k(kv).view(b, m, h, d).transpose(1, 2)
        v = self.to_v(kv).view(b, m, h, d).transpose(1, 2)
        p = torch.softmax(q @ k.transpose(-1, -2), dim=-1)
        o = (p @ v).transpose(1, 2).reshape(b, n, c)
        return self.to_out[0](o)


# ---------------------------------------------------------------- text encoder (transformers CLIPTextModel)

class ClipAttention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.q_proj, self.k_proj, self.v_proj, self.out_proj = (nn.Linear(d, d) for _ in range(4))

    def forward(self, x, mask):
        b, n, c = x.shape
        h, d = self.heads, c // self.heads
        q = self.q_proj(x).view(b, n, h, d).transpose(1, 2) / math.sqrt(d)
        k = self.k_proj(x).view(b, n, h, d).transpose(1, 2)
        v = self.v_proj(x).view(b, n, h, d).transpose(1, 2)
        p = torch.softmax(q @ k.transpose(-1, -2) + mask, dim=-1)
        return self.out_proj((p @ v).transpose(1, 2).reshape(b, n, c))


class ClipMlp(nn.Module):
    def __init__(self, d, inner):
        super().__init__()
        self.fc1 = nn.Linear(d, inner)
        self.fc2 = nn.Linear(inner, d)

    def forward(self, x):
        h = self.fc1(x)
        return self.fc2(h * torch.sigmoid(1.702 * h))  # quick_gelu


class ClipLayer(nn.Module):
    def __init__(self, d, heads, inner, eps):
        super().__init__()
        self.self_attn = ClipAttention(d, heads)
        self.layer_norm1 = nn.LayerNorm(d, eps=eps)
        self.mlp = ClipMlp(d, inner)
        self.layer_norm2 = nn.LayerNorm(d, eps=eps)

    def forward(self, x, mask):
        x = x + self.self_attn(self.layer_norm1(x), mask)
        return x + self.mlp(self.layer_norm2(x))


class ClipEmbeddings(nn.Module):
    def __init__(self, vocab, d, n):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, d)
        self.position_embedding = nn.Embedding(n, d)


class ClipEncoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.layers = nn.ModuleList([ClipLayer(cfg["hidden_size"], cfg["num_attention_heads"], cfg["intermediate_size"],
                                               cfg["layer_norm_eps"]) for _ in range(cfg["num_hidden_layers"])])


class ClipTextModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.embeddings = ClipEmbeddings(cfg["vocab_size"], cfg["hidden_size"], cfg["max_position_embeddings"])
        self.encoder = ClipEncoder(cfg)
        self.final_layer_norm = nn.LayerNorm(cfg["hidden_size"], eps=cfg["layer_norm_eps"])
        n = cfg["max_position_embeddings"]
        self.register_buffer("mask", torch.triu(torch.full((n, n), -1e9), diagonal=1), persistent=False)

    def forward(self, ids):
        n = ids.shape[1]
        x = self.embeddings.token_embedding(ids) + self.embeddings.position_embedding.weight[:n][None]
        for layer in self.encoder.layers:
            x = layer(x, self.mask[:n, :n])
        return self.final_layer_norm(x)


class TextEncoder(nn.Module):
    """Keys text_model.*; position_ids is written at export."""

    def __init__(self, cfg):
        super().__init__()
        self.text_model = ClipTextModel(cfg)

    def forward(self, ids):
        return self.text_model(ids)


# ---------------------------------------------------------------- UNet (diffusers UNet2DConditionModel names)

class Resnet(nn.Module):
    def __init__(self, cin, cout, temb, groups, eps):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, cin, eps=eps)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.time_emb_proj = nn.Linear(temb, cout) if temb else None
        self.norm2 = nn.GroupNorm(groups, cout, eps=eps)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.conv_shortcut = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, temb=None):
        h = self.conv1(F.silu(self.norm1(x)))
        if self.time_emb_proj is not None:
            h = h + self.time_emb_proj(F.silu(temb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return (x if self.conv_shortcut is None else self.conv_shortcut(x)) + h


class GegluProj(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.proj = nn.Linear(c, 8 * c)

    def forward(self, x):
        hidden, gate = self.proj(x).chunk(2, dim=-1)
        return hidden * gelu_tanh(gate)


class FeedForward(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.net = nn.ModuleList([GegluProj(c), nn.Identity(), nn.Linear(4 * c, c)])

    def forward(self, x):
        return self.net[2](self.net[0](x))


class BasicTransformerBlock(nn.Module):
    def __init__(self, c, ctx, heads):
        super().__init__()
        self.norm1 = nn.LayerNorm(c, eps=1e-5)
        self.attn1 = Attention(c, c, heads, False)
        self.norm2 = nn.LayerNorm(c, eps=1e-5)
        self.attn2 = Attention(c, ctx, heads, False)
        self.norm3 = nn.LayerNorm(c, eps=1e-5)
        self.ff = FeedForward(c)

    def forward(self, s, context):
        n1 = self.norm1(s)
        s = s + self.attn1(n1, n1)
        s = s + self.attn2(self.norm2(s), context)
        return s + self.ff(self.norm3(s))


class Transformer2D(nn.Module):
    def __init__(self, c, ctx, heads, groups):
        super().__init__()
        self.norm = nn.GroupNorm(groups, c, eps=1e-6)
        self.proj_in = nn.Conv2d(c, c, 1)
        self.transformer_blocks = nn.ModuleList([BasicTransformerBlock(c, ctx, heads)])
        self.proj_out = nn.Conv2d(c, c, 1)

    def forward(self, x, context):
        b, c, h, w = x.shape
        s = self.proj_in(self.norm(x)).permute(0, 2, 3, 1).reshape(b, h * w, c)
        s = self.transformer_blocks[0](s, context)
        return self.proj_out(s.reshape(b, h, w, c).permute(0, 3, 1, 2)) + x


class Sampler(nn.Module):
    def __init__(self, c, stride):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, stride=stride, padding=1)


class Stage(nn.Module):
    def __init__(self):
        super().__init__()
        self.resnets = nn.ModuleList()
        self.attentions = nn.ModuleList()


class TimeEmbedding(nn.Module):
    def __init__(self, c0, tdim):
        super().__init__()
        self.linear_1 = nn.Linear(c0, tdim)
        self.linear_2 = nn.Linear(tdim, tdim)

    def forward(self, t):
        return self.linear_2(F.silu(self.linear_1(t)))


class UNet(nn.Module):
    """Plans the stages as UnetBuilder.plan() does (docs/architectures.md, the skip-connection rule)."""

    def __init__(self, cfg):
        super().__init__()
        ch = cfg["block_out_channels"]
        self.levels = len(ch)
        self.stages = cfg["stages"]
        groups, eps = cfg["norm_num_groups"], cfg["norm_eps"]
        heads, ctx = cfg["attention_heads"], cfg["cross_attention_dim"]
        self.c0 = ch[0]
        tdim = 4 * ch[0]
        self.time_embedding = TimeEmbedding(ch[0], tdim)
        self.conv_in = nn.Conv2d(cfg["in_channels"], ch[0], 3, padding=1)
        self.down_blocks = nn.ModuleList()
        self.up_blocks = nn.ModuleList()
        self.mid_block = Stage()
        skips = [ch[0]]
        cur = ch[0]

        def build(stage_name, mod, oc, down, up):
            nonlocal cur
            last = None
            for layer in self.stages[stage_name]:
                if layer == "resnet":
                    if down and last is not None:
                        skips.append(cur)
                    cin = cur + (skips.pop() if up else 0)
                    mod.resnets.append(Resnet(cin, oc, tdim, groups, eps))
                    cur = oc
                else:
                    mod.attentions.append(Transformer2D(oc, ctx, heads, groups))
                last = layer
            return last

        for i in range(self.levels):
            st = Stage()
            last = build("down.%d" % i, st, ch[i], True, False)
            if last is not None:
                skips.append(cur)
            if i < self.levels - 1:
                st.downsamplers = nn.ModuleList([Sampler(cur, 2)])
                skips.append(cur)
            self.down_blocks.append(st)
        build("mid", self.mid_block, ch[-1], False, False)
        for i in range(self.levels):
            st = Stage()
            build("up.%d" % i, st, ch[self.levels - 1 - i], False, True)
            if i < self.levels - 1:
                st.upsamplers = nn.ModuleList([Sampler(cur, 1)])
            self.up_blocks.append(st)
        assert not skips, "unconsumed skips"
        self.conv_norm_out = nn.GroupNorm(groups, ch[0], eps=eps)
        self.conv_out = nn.Conv2d(ch[0], cfg["out_channels"], 3, padding=1)

    def _run(self, name, mod, h, temb, context, skips, down, up, skip_blocks=()):
        ri = ai = 0
        last = None
        for layer in self.stages[name]:
            if layer == "resnet":
                if down and last is not None:
                    skips.append(last)
                x = torch.cat([h, skips.pop()], dim=1) if up else h
                bid = "%s.resnet.%d" % (name, ri)
                h = mod.resnets[ri](x, temb)
                ri += 1
            else:
                h = mod.attentions[ai](h, context)
                ai += 1
            last = h
        return h, last

    def forward(self, sample, t, context):
        temb = self.time_embedding(sinusoidal(t, self.c0).to(sample.device))
        h = self.conv_in(sample)
        skips = [h]
        for i in range(self.levels):
            st = self.down_blocks[i]
            h, last = self._run("down.%d" % i, st, h, temb, context, skips, True, False)
            if last is not None:
                skips.append(last)
            if i < self.levels - 1:
                h = st.downsamplers[0].conv(h)
                skips.append(h)
        h, _ = self._run("mid", self.mid_block, h, temb, context, skips, False, False)
        for i in range(self.levels):
            st = self.up_blocks[i]
            h, _ = self._run("up.%d" % i, st, h, temb, context, skips, False, True)
            if i < self.levels - 1:
                h = st.upsamplers[0].conv(F.interpolate(h, scale_factor=2, mode="nearest"))
        return self.conv_out(F.silu(self.conv_norm_out(h)))


# ---------------------------------------------------------------- VAE (diffusers AutoencoderKL names)

class VaeAttention(nn.Module):
    def __init__(self, c, groups):
        super().__init__()
        self.group_norm = nn.GroupNorm(groups, c, eps=1e-6)
        self.to_q = nn.Linear(c, c)
        self.to_k = nn.Linear(c, c)
        self.to_v = nn.Linear(c, c)
        self.to_out = nn.ModuleList([nn.Linear(c, c)])

    def forward(self, x):
        b, c, h, w = x.shape
        s = self.group_norm(x).permute(0, 2, 3, 1).reshape(b, h * w, c)
        q, k, v = self.to_q(s) / math.sqrt(c), self.to_k(s), self.to_v(s)
        o = self.to_out[0](torch.softmax(q @ k.transpose(1, 2), dim=-1) @ v)
        return o.reshape(b, h, w, c).permute(0, 3, 1, 2) + x


class VaeMid(nn.Module):
    def __init__(self, c, groups):
        super().__init__()
        self.resnets = nn.ModuleList([Resnet(c, c, 0, groups, 1e-6), Resnet(c, c, 0, groups, 1e-6)])
        self.attentions = nn.ModuleList([VaeAttention(c, groups)])

    def forward(self, x):
        return self.resnets[1](self.attentions[0](self.resnets[0](x)))


class Decoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        ch, g, lpb = cfg["block_out_channels"], cfg["norm_num_groups"], cfg["layers_per_block"]
        top = ch[-1]
        self.conv_in = nn.Conv2d(cfg["latent_channels"], top, 3, padding=1)
        self.mid_block = VaeMid(top, g)
        self.up_blocks = nn.ModuleList()
        cur = top
        for i in range(len(ch)):
            out = ch[len(ch) - 1 - i]
            st = Stage()
            for _ in range(lpb + 1):
                st.resnets.append(Resnet(cur, out, 0, g, 1e-6))
                cur = out
            if i < len(ch) - 1:
                st.upsamplers = nn.ModuleList([Sampler(out, 1)])
            self.up_blocks.append(st)
        self.conv_norm_out = nn.GroupNorm(g, ch[0], eps=1e-6)
        self.conv_out = nn.Conv2d(ch[0], cfg["out_channels"], 3, padding=1)

    def forward(self, z):
        x = self.mid_block(self.conv_in(z))
        for i, st in enumerate(self.up_blocks):
            for r in st.resnets:
                x = r(x)
            if hasattr(st, "upsamplers"):
                x = st.upsamplers[0].conv(F.interpolate(x, scale_factor=2, mode="nearest"))
        return self.conv_out(F.silu(self.conv_norm_out(x)))


class Encoder(nn.Module):
    """diffusers Encoder: stride-2 downsamplers with padding (0, 1, 0, 1), double_z."""

    def __init__(self, cfg):
        super().__init__()
        ch, g, lpb = cfg["block_out_channels"], cfg["norm_num_groups"], cfg["layers_per_block"]
        self.conv_in = nn.Conv2d(cfg["in_channels"], ch[0], 3, padding=1)
        self.down_blocks = nn.ModuleList()
        cur = ch[0]
        for i, out in enumerate(ch):
            st = Stage()
            for _ in range(lpb):
                st.resnets.append(Resnet(cur, out, 0, g, 1e-6))
                cur = out
            if i < len(ch) - 1:
                st.downsamplers = nn.ModuleList([nn.Module()])
                st.downsamplers[0].conv = nn.Conv2d(out, out, 3, stride=2, padding=0)
            self.down_blocks.append(st)
        self.mid_block = VaeMid(ch[-1], g)
        self.conv_norm_out = nn.GroupNorm(g, ch[-1], eps=1e-6)
        self.conv_out = nn.Conv2d(ch[-1], 2 * cfg["latent_channels"], 3, padding=1)

    def forward(self, x):
        x = self.conv_in(x)
        for st in self.down_blocks:
            for r in st.resnets:
                x = r(x)
            if hasattr(st, "downsamplers"):
                x = st.downsamplers[0].conv(F.pad(x, (0, 1, 0, 1)))
        return self.conv_out(F.silu(self.conv_norm_out(self.mid_block(x))))


class Vae(nn.Module):
    def __init__(self, cfg, with_encoder=True):
        super().__init__()
        lc = cfg["latent_channels"]
        if with_encoder:
            self.encoder = Encoder(cfg)
            self.quant_conv = nn.Conv2d(2 * lc, 2 * lc, 1)
        self.post_quant_conv = nn.Conv2d(lc, lc, 1)
        self.decoder = Decoder(cfg)

    def encode(self, x):
        moments = self.quant_conv(self.encoder(x))
        mean, logvar = moments.chunk(2, dim=1)
        return mean, logvar.clamp(-30, 20)

    def decode(self, z):
        return self.decoder(self.post_quant_conv(z))
