// English strings, one file per area of the app.
import { common } from './common';
import { editor } from './editor';
import { training } from './training';
import { compareRuns } from './compare-runs';
import { layerOptions, layers } from './layers';
import { messages } from './messages';

export const en = { common, editor, training, compareRuns, messages, layers, layerOptions };
