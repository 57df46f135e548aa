"""Prints the PyTorch side of LayerReferenceFiguresTest.twoLayerLstmComputesWhatPyTorchsLstmComputes.

Run with PyTorch installed (Debian: apt-get install python3-torch): python3 lstm_check.py
"""
import numpy as np
import torch
import torch.nn as nn

lstm = nn.LSTM(300, 512, num_layers=2, batch_first=True)
state = lstm.state_dict()
for k, (name, value) in enumerate(state.items()):
    i = np.arange(value.numel(), dtype=np.float64)
    state[name] = torch.from_numpy((0.05 * np.sin(0.37 * i + 1.3 * k)).astype(np.float32)).reshape(value.shape)
lstm.load_state_dict(state)
x = torch.from_numpy(np.cos(0.05 * np.arange(35 * 300)).astype(np.float32)).reshape(1, 35, 300)
with torch.no_grad():
    output, _ = lstm(x)
y = output.reshape(-1)
print(list(state))
print([y[j].item() for j in (0, 511, 17 * 512 + 100, 35 * 512 - 1)], y.abs().sum().item())
