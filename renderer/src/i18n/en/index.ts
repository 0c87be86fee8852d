// English strings, one file per area of the app.
import { common } from './common';
import { editor } from './editor';
import { frozen } from './frozen';
import { training } from './training';
import { layerOptions, layers } from './layers';
import { messages } from './messages';

export const en = { common, editor, frozen, training, messages, layers, layerOptions };
