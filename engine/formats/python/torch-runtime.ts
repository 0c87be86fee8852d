// The fixed part of the PyTorch script: layouts, Keras initializers and update rules, the loss as our
// core computes it, the training loop (single process, or DistributedDataParallel under torchrun) and main.

export const TORCH_IMPORTS = `import argparse
import base64
import copy
import gzip
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset`;

export const TORCH_HELPERS = String.raw`
def average_pool_same(pool, x, pads):
    """TF 'same' average pooling: each window's mean over real cells only, padding excluded."""
    ones = torch.ones_like(x[:1, :1])
    return pool(F.pad(x, pads)) / pool(F.pad(ones, pads))


class ActivityRegularization(nn.Module):
    """Keras' ActivityRegularization: the identity; keeps l1 * sum|x| + l2 * sum x^2 of its last input
    (summed over the batch, as Keras 3 does) as activity_loss, which the training adds to the loss."""

    def __init__(self, l1, l2):
        super().__init__()
        self.l1, self.l2, self.activity_loss = l1, l2, 0.0

    def forward(self, x):
        self.activity_loss = self.l1 * x.abs().sum() + self.l2 * (x ** 2).sum()
        return x
def random_warp(x, kind, ranges, fill_mode, interpolation, fill_value, training):
    """RandomTranslation/RandomRotation/RandomZoom on NCHW as Layerwise and Keras compute them while
    training (output pixel (x, y) reads the input at M (x, y, 1), pixel centres at integers); identity
    otherwise. grid_sample with align_corners=False reflects about the image edge like Keras' 'reflect'."""
    if not training:
        return x
    n, _, h, w = x.shape
    def draw(bounds):
        return torch.empty(n, 1, 1, device=x.device).uniform_(*bounds)
    if kind == 'translation':
        dy, dx = draw(ranges[0]) * h, draw(ranges[1]) * w
        m = (1.0, 0.0, -dx, 0.0, 1.0, -dy)
    elif kind == 'rotation':
        t = draw(ranges[0]) * (2 * math.pi)
        c, s = torch.cos(t), torch.sin(t)
        m = (c, -s, ((w - 1) - (c * (w - 1) - s * (h - 1))) / 2, s, c, ((h - 1) - (s * (w - 1) + c * (h - 1))) / 2)
    else:
        zy = 1 + draw(ranges[0])
        zx = zy if ranges[1] is None else 1 + draw(ranges[1])
        m = (zx, 0.0, (w - 1) / 2 * (1 - zx), 0.0, zy, (h - 1) / 2 * (1 - zy))
    ys, xs = torch.meshgrid(torch.arange(h, device=x.device, dtype=x.dtype),
                            torch.arange(w, device=x.device, dtype=x.dtype), indexing='ij')
    ix, iy = m[0] * xs + m[1] * ys + m[2], m[3] * xs + m[4] * ys + m[5]
    grid = torch.stack(((2 * ix + 1) / w - 1, (2 * iy + 1) / h - 1), dim=-1)
    padding = {'reflect': 'reflection', 'nearest': 'border', 'constant': 'zeros'}[fill_mode]
    shift = fill_value if fill_mode == 'constant' else 0.0  # zeros padding then reads fill_value
    return F.grid_sample(x - shift, grid, mode=interpolation, padding_mode=padding, align_corners=False) + shift


def to_torch(tensor, layout):
    if layout == 'dense_kernel':
        return tensor.T  # Keras (in, out) -> Linear (out, in)
    if layout == 'conv_kernel':  # Keras HWIO -> Conv2d OIHW, (k, in, out) -> Conv1d (out, in, k)
        return tensor.transpose(tensor.ndim - 1, tensor.ndim - 2, *range(tensor.ndim - 2))
    if layout == 'depthwise_kernel':  # Keras (KH, KW, C, M) -> grouped Conv2d (C*M, 1, KH, KW)
        kh, kw, c, m = tensor.shape
        return tensor.reshape(kh, kw, 1, c * m).transpose(3, 2, 0, 1)
    return tensor


def to_keras(tensor, layout, fan_out=None):
    if layout == 'dense_kernel':
        return tensor.T
    if layout == 'conv_kernel':  # OIHW -> HWIO, (out, in, k) -> (k, in, out)
        return tensor.transpose(*range(2, tensor.ndim), 1, 0)
    if layout == 'depthwise_kernel':  # (C*M, 1, KH, KW) -> (KH, KW, C, M); Keras' fan_out is M*KH*KW
        kh, kw = tensor.shape[2:]
        return tensor.transpose(2, 3, 1, 0).reshape(kh, kw, -1, fan_out // (kh * kw))
    return tensor


@torch.no_grad()
def load_weights(net, tensors):
    state = net.state_dict()
    for name, key, layout, *_ in WEIGHT_MAP:
        state[key].copy_(torch.from_numpy(np.array(to_torch(tensors[name], layout))))  # a writable copy


def keras_tensors(net):
    state = net.state_dict()
    return {name: to_keras(state[key].detach().cpu().numpy(), layout, fan_out)
            for name, key, layout, _init, _fan_in, fan_out in WEIGHT_MAP}


@torch.no_grad()
def keras_initialize(net):
    """Keras' initializers with Keras' fans, so training from scratch starts like Layerwise does."""
    state = net.state_dict()
    for _name, key, _layout, init, fan_in, fan_out in WEIGHT_MAP:
        t = state[key]
        if init in ('zeros', 'ones'):
            t.fill_(0.0 if init == 'zeros' else 1.0)
        elif init in ('glorot_uniform', 'he_uniform'):
            limit = math.sqrt(6 / (fan_in + fan_out) if init == 'glorot_uniform' else 6 / fan_in)
            t.uniform_(-limit, limit)
        else:  # truncated normals, stddev corrected for the truncation at two deviations as Keras does
            scale = {'glorot_normal': 2 / (fan_in + fan_out), 'he_normal': 2 / fan_in}.get(init, 1 / fan_in)
            std = math.sqrt(scale) / 0.87962566103423978
            nn.init.trunc_normal_(t, 0.0, std, -2 * std, 2 * std)


class KerasOptimizer(torch.optim.Optimizer):
    """SGD, Adam, AdamW and RMSprop with Keras 3's update rules (epsilon placement, momentum sign)."""

    def __init__(self, params, settings):
        super().__init__(params, dict(settings, lr=settings['learning_rate']))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            kind, lr = group['type'], group['lr']
            for p in group['params']:
                if p.grad is None:
                    continue
                g, state = p.grad, self.state[p]
                if kind == 'sgd':
                    if group['momentum'] == 0:
                        p.add_(g, alpha=-lr)
                        continue
                    m = state.setdefault('m', torch.zeros_like(p))
                    m.mul_(group['momentum']).add_(g, alpha=-lr)
                    p.add_(group['momentum'] * m - lr * g if group['nesterov'] else m)
                elif kind in ('adam', 'adamw'):
                    if kind == 'adamw':
                        p.mul_(1 - lr * group['weight_decay'])
                    t = state['t'] = state.get('t', 0) + 1
                    m = state.setdefault('m', torch.zeros_like(p))
                    v = state.setdefault('v', torch.zeros_like(p))
                    m.add_((g - m) * (1 - group['beta_1']))
                    v.add_((g * g - v) * (1 - group['beta_2']))
                    lr_t = lr * math.sqrt(1 - group['beta_2'] ** t) / (1 - group['beta_1'] ** t)
                    p.sub_(lr_t * m / (v.sqrt() + group['epsilon']))
                else:  # rmsprop
                    v = state.setdefault('v', torch.zeros_like(p))
                    v.mul_(group['rho']).add_(g * g, alpha=1 - group['rho'])
                    step = lr * g / torch.sqrt(v + group['epsilon'])
                    if group['momentum'] > 0:
                        step = state.setdefault('mom', torch.zeros_like(p)).mul_(group['momentum']).add_(step)
                    p.sub_(step)


def learning_rate_factor(step):
    schedule = TRAINING['schedule']
    if schedule['type'] == 'step':
        return schedule['gamma'] ** (step // schedule['every_steps'])
    if schedule['type'] == 'cosine':
        done = min(step, schedule['decay_steps']) / schedule['decay_steps']
        return (1 - schedule['alpha']) * 0.5 * (1 + math.cos(math.pi * done)) + schedule['alpha']
    return 1.0
`;
