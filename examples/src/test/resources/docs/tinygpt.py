import torch
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    """Pre-norm causal self-attention with its skip connection: x + attn(norm(x))."""

    def __init__(self, d, heads):
        super().__init__()
        self.norm = nn.LayerNorm(d)
        self.attn = nn.MultiheadAttention(d, heads, batch_first=True)

    def forward(self, x):
        t = x.size(1)
        future = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
        h = self.norm(x)
        return x + self.attn(h, h, h, attn_mask=future, need_weights=False)[0]


class FeedForward(nn.Module):
    """Pre-norm MLP with its skip connection: x + fc2(gelu(fc1(norm(x))))."""

    def __init__(self, d):
        super().__init__()
        self.norm = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, 4 * d)
        self.fc2 = nn.Linear(4 * d, d)

    def forward(self, x):
        return x + self.fc2(F.gelu(self.fc1(self.norm(x))))


class TransformerBlock(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.attn = Attention(d, heads)
        self.ffn = FeedForward(d)

    def forward(self, x):
        return self.ffn(self.attn(x))


class TinyGpt(nn.Module):
    def __init__(self, vocab=65, context=32, d=64, heads=4, layers=2):
        super().__init__()
        self.embed = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(context, d)  # a learned table: only pos.weight is used
        self.blocks = nn.ModuleList(TransformerBlock(d, heads) for _ in range(layers))
        self.norm = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab)

    def forward(self, ids):  # ids: (B, T) int64
        x = self.embed(ids) + self.pos.weight[: ids.size(1)]
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x))  # (B, T, vocab) logits
