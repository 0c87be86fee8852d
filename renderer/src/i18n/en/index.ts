// English strings, one file per area of the app.
import { common } from './common';
import { editor } from './editor';
import { training } from './training';
import { layerOptions, layers } from './layers';
import { messages } from './messages';
import { bypass } from './bypass';

export const en = { common, editor, training, messages, layers, layerOptions, bypass };
