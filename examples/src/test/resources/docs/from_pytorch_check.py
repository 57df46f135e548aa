"""Prints the PyTorch side of FromPytorchGuideTest: state_dicts, counts and logits.

Run from this directory with PyTorch installed (Debian: apt-get install python3-torch):
    python3 from_pytorch_check.py
"""
import numpy as np
import torch

from lenet5 import LeNet5
from tinygpt import TinyGpt


def fill(model):
    """The k-th state_dict tensor gets v[i] = 0.1 sin(0.37 i + 1.3 k) in float32, as the Java test."""
    state = model.state_dict()
    for k, (name, value) in enumerate(state.items()):
        i = np.arange(value.numel(), dtype=np.float64)
        state[name] = torch.from_numpy((0.1 * np.sin(0.37 * i + 1.3 * k)).astype(np.float32)).reshape(value.shape)
    model.load_state_dict(state)
    return model.eval()


def describe(model):
    print(type(model).__name__, sum(p.numel() for p in model.parameters()))
    for name, value in model.state_dict().items():
        print(" ", name, tuple(value.shape))


describe(TinyGpt())
describe(LeNet5())
with torch.no_grad():
    ids = torch.tensor([(i * 7 + 3) % 65 for i in range(64)]).reshape(2, 32)
    logits = fill(TinyGpt())(ids).reshape(-1)
    print("TinyGpt logits", [logits[j].item() for j in (0, 64, 31 * 65 + 5, 32 * 65 + 7, 2 * 32 * 65 - 1)])
    images = torch.from_numpy(np.cos(0.05 * np.arange(2 * 784)).astype(np.float32)).reshape(2, 1, 28, 28)
    print("LeNet5 logits", fill(LeNet5())(images).reshape(-1).tolist())
