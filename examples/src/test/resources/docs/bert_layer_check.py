"""Prints the PyTorch side of LayerReferenceFiguresTest.bertBaseLayerComputesWhatPyTorchsLayerComputes.

Run with PyTorch installed (Debian: apt-get install python3-torch): python3 bert_layer_check.py
"""
import numpy as np
import torch
import torch.nn as nn

layer = nn.TransformerEncoderLayer(768, 12, 3072, activation="gelu", batch_first=True).eval()
state = layer.state_dict()
for k, (name, value) in enumerate(state.items()):
    i = np.arange(value.numel(), dtype=np.float64)
    state[name] = torch.from_numpy((0.05 * np.sin(0.37 * i + 1.3 * k)).astype(np.float32)).reshape(value.shape)
layer.load_state_dict(state)
x = torch.from_numpy(np.cos(0.05 * np.arange(128 * 768)).astype(np.float32)).reshape(1, 128, 768)
with torch.no_grad():
    y = layer(x).reshape(-1)
print(list(state))
print([y[j].item() for j in (0, 767, 5000, 64 * 768 + 3, 128 * 768 - 1)], y.abs().sum().item())
