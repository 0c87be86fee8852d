// The PyTorch script's training: the loss and metrics as our core computes them, one update per batch,
// and the epoch loop, in one process or DistributedDataParallel under torchrun (rank 0 prints).

export const TORCH_TRAINING = String.raw`
EPSILON = 1e-7  # Keras clips probabilities to [1e-7, 1 - 1e-7]
FUSED = (OUTPUT_ACTIVATION, TRAINING['loss']) in (
    ('softmax', 'sparse_categorical_crossentropy'), ('softmax', 'categorical_crossentropy'),
    ('sigmoid', 'binary_crossentropy'))


def batch_loss(model, x, y):
    """Mean loss (from the logits where the output is softmax/sigmoid, like our core) and correct count."""
    out = model(x, logits=FUSED)
    target = F.one_hot(y, out.shape[-1]).to(out.dtype)
    if FUSED and OUTPUT_ACTIVATION == 'softmax':
        probs, loss = torch.softmax(out, -1), F.cross_entropy(out, y)
    elif FUSED:
        probs, loss = torch.sigmoid(out), F.binary_cross_entropy_with_logits(out, target)
    elif TRAINING['loss'] == 'binary_crossentropy':
        probs, q = out, out.clamp(EPSILON, 1 - EPSILON)
        loss = -(target * q.log() + (1 - target) * (1 - q).log()).mean()
    elif TRAINING['loss'] == 'mean_squared_error':
        probs, loss = out, ((out - target) ** 2).mean()
    else:  # cross-entropy on probabilities: renormalised, then clipped, as Keras does
        probs, q = out, (out / out.sum(-1, keepdim=True)).clamp(EPSILON, 1 - EPSILON)
        loss = -(target * q.log()).sum(-1).mean()
    if TRAINING['loss'] == 'binary_crossentropy':
        correct = ((probs > 0.5) == (target > 0.5)).to(out.dtype).mean(-1).sum()
    else:
        correct = (probs.argmax(-1) == y).sum()
    return loss, correct


def kernel_penalty(net):
    """The global L2 on every kernel, each layer's own kernel_regularizer (l1 * sum|w| + l2 * sum w^2),
    and the ActivityRegularization layers' terms of the last forward pass."""
    penalty = sum(m.activity_loss for m in net.modules() if isinstance(m, ActivityRegularization))
    for key, l1, l2 in KERNELS:
        weight = net.get_parameter(key)
        if TRAINING['l2'] + l2 != 0:
            penalty = penalty + (TRAINING['l2'] + l2) * (weight ** 2).sum()
        if l1 != 0:
            penalty = penalty + l1 * weight.abs().sum()
    return penalty


def make_optimizer(net):
    """The Keras optimizer of the settings and its learning-rate schedule (stepped once per batch)."""
    optimizer = KerasOptimizer([p for p in net.parameters() if p.requires_grad], TRAINING['optimizer'])
    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, learning_rate_factor)


def train_step(model, net, optimizer, schedule, x, y):
    """One update on a batch; model is net or its DistributedDataParallel wrapper. Returns loss and correct."""
    loss, correct = batch_loss(model, x, y)
    loss = loss + kernel_penalty(net)
    optimizer.zero_grad()
    loss.backward()
    if TRAINING['global_clipnorm']:
        torch.nn.utils.clip_grad_norm_(net.parameters(), TRAINING['global_clipnorm'])
    optimizer.step()
    schedule.step()
    return loss.detach(), correct


@torch.no_grad()
def evaluate(net, x, y, device, batch_size):
    net.eval()
    totals = torch.zeros(2, dtype=torch.float64, device=device)
    for start in range(0, len(x), batch_size):
        xb = torch.from_numpy(x[start:start + batch_size]).to(device)
        yb = torch.from_numpy(y[start:start + batch_size]).to(device)
        loss, correct = batch_loss(net, xb, yb)
        totals += torch.stack([(loss + kernel_penalty(net)) * len(yb), correct.to(torch.float64)])
    return (totals / max(len(x), 1)).tolist()


def train(net, device, rank, world, args):
    epochs, batch_size = args.epochs or TRAINING['epochs'], args.batch_size or TRAINING['batch_size']
    (x, y), (x_val, y_val) = training_split(*load_images(args.data, 'train'), args.limit or TRAINING['limit'])
    if len(OUTPUT_SHAPE) != 1 or OUTPUT_SHAPE[0] <= int(y.max()):
        sys.exit(f'training on MNIST needs an output of one score per class, the model gives {OUTPUT_SHAPE}')
    data = TensorDataset(torch.from_numpy(x), torch.from_numpy(y))
    sampler = DistributedSampler(data, num_replicas=world, rank=rank, shuffle=True, seed=TRAINING['seed'])
    # The batch size is the global one: each of the world processes takes its share.
    loader = DataLoader(data, batch_size=max(1, batch_size // world), sampler=sampler)
    model = net
    if world > 1:
        model = DistributedDataParallel(net, device_ids=[device.index] if device.type == 'cuda' else None)
    optimizer, schedule = make_optimizer(net)
    stopping, best, best_state, waited = TRAINING['early_stopping'], math.inf, None, 0
    for epoch in range(1, epochs + 1):
        sampler.set_epoch(epoch)
        model.train()
        totals = torch.zeros(3, dtype=torch.float64, device=device)
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss, correct = train_step(model, net, optimizer, schedule, xb, yb)
            count = torch.tensor(len(yb), dtype=torch.float64, device=device)
            totals += torch.stack([loss * count, correct.to(torch.float64), count])
        if world > 1:
            dist.all_reduce(totals)
        line = f'epoch {epoch}/{epochs} - loss: {totals[0] / totals[2]:.4f} - accuracy: {totals[1] / totals[2]:.4f}'
        stop = False
        if len(x_val) > 0:
            val_loss, val_accuracy = evaluate(net, x_val, y_val, device, batch_size)
            line += f' - val_loss: {val_loss:.4f} - val_accuracy: {val_accuracy:.4f}'
            if stopping is not None:
                if val_loss < best - stopping['min_delta']:
                    best, best_state, waited = val_loss, copy.deepcopy(net.state_dict()), 0
                else:
                    waited += 1
                    stop = waited >= stopping['patience']
        if rank == 0:
            print(line, flush=True)
        if world > 1:  # every process must stop at the same epoch
            flag = torch.tensor([int(stop)], device=device)
            dist.broadcast(flag, 0)
            stop = bool(flag.item())
        if stop and best_state is not None:
            if rank == 0:
                print(f'early stopping: restoring the weights of the best epoch (val_loss {best:.4f})', flush=True)
            net.load_state_dict(best_state)
            break
`;
