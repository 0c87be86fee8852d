// The fixed part of the Keras 3 script: our weights into and out of the layers, the optimizer and
// schedule from the training settings, and main (predict, or fit and save a Layerwise model file).

const imports = `import argparse
import base64
import gzip
import json
import math
import os
import struct
import sys

import numpy as np
import keras
from keras import layers`;

const main = String.raw`
def load_weights(model, tensors):
    for layer_name, names in LAYER_WEIGHTS:
        model.get_layer(layer_name).set_weights([tensors[name] for name in names])


def keras_tensors(model):
    tensors = {}
    for layer_name, names in LAYER_WEIGHTS:
        tensors.update(zip(names, model.get_layer(layer_name).get_weights()))
    return tensors


def make_optimizer():
    settings, schedule = TRAINING['optimizer'], TRAINING['schedule']
    rate = settings['learning_rate']
    if schedule['type'] == 'step':
        rate = keras.optimizers.schedules.ExponentialDecay(rate, schedule['every_steps'], schedule['gamma'], staircase=True)
    elif schedule['type'] == 'cosine':
        rate = keras.optimizers.schedules.CosineDecay(rate, schedule['decay_steps'], alpha=schedule['alpha'])
    common = {'learning_rate': rate, 'global_clipnorm': TRAINING['global_clipnorm']}
    kind = settings['type']
    if kind == 'sgd':
        return keras.optimizers.SGD(momentum=settings['momentum'], nesterov=settings['nesterov'], **common)
    if kind == 'rmsprop':
        return keras.optimizers.RMSprop(rho=settings['rho'], momentum=settings['momentum'], epsilon=settings['epsilon'], **common)
    adam = {'beta_1': settings['beta_1'], 'beta_2': settings['beta_2'], 'epsilon': settings['epsilon'], **common}
    if kind == 'adamw':
        return keras.optimizers.AdamW(weight_decay=settings['weight_decay'], **adam)
    return keras.optimizers.Adam(**adam)


def targets(labels):
    """Class indices for the sparse loss, one-hot rows for the others."""
    if TRAINING['loss'] == 'sparse_categorical_crossentropy':
        return labels
    return keras.utils.to_categorical(labels, OUTPUT_SHAPE[-1])


def main():
    args = parse_args(__doc__.split('\n')[0])
    keras.utils.set_random_seed(TRAINING['seed'])
    model = build_model()
    base = MODEL_FILE
    if args.weights:
        base, tensors = read_weights(args.weights)
        load_weights(model, tensors)
    if args.predict is not None:
        images, _ = load_images(args.data, 'test')
        print(json.dumps(model.predict(images[:args.predict], verbose=0).tolist()))
        return
    (x, y), (x_val, y_val) = training_split(*load_images(args.data, 'train'), args.limit or TRAINING['limit'])
    model.compile(optimizer=make_optimizer(), loss=TRAINING['loss'], metrics=['accuracy'])
    callbacks = []
    if TRAINING['early_stopping'] and len(x_val) > 0:
        stopping = TRAINING['early_stopping']
        callbacks.append(keras.callbacks.EarlyStopping(
            monitor='val_loss', patience=stopping['patience'], min_delta=stopping['min_delta'], restore_best_weights=True))
    model.fit(x, targets(y), batch_size=args.batch_size or TRAINING['batch_size'], epochs=args.epochs or TRAINING['epochs'],
              validation_data=(x_val, targets(y_val)) if len(x_val) > 0 else None, shuffle=True, callbacks=callbacks)
    out = args.out or TRAINED_FILE
    write_model(out, base, keras_tensors(model))
    print(f'saved the trained model to {out}')


if __name__ == '__main__':
    main()
`;

export const KERAS_RUNTIME = { imports, main };
