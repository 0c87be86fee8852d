// English strings, one file per area of the app.
import { adjust } from './adjust';
import { common } from './common';
import { editor } from './editor';
import { training } from './training';
import { layerOptions, layers } from './layers';
import { messages } from './messages';

export const en = { common, editor, training, adjust, messages, layers, layerOptions };
