// Simplified Chinese strings, one file per area of the app (same keys as en/).
import { adjust } from './adjust';
import { common } from './common';
import { editor } from './editor';
import { training } from './training';
import { layerOptions, layers } from './layers';
import { messages as flatMessages } from './messages';
import { nestIds } from '../nest-ids';

export const zh = { common, editor, training, adjust, messages: nestIds(flatMessages), layers, layerOptions };
