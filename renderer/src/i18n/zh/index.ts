// Simplified Chinese strings, one file per area of the app (same keys as en/).
import { common } from './common';
import { editor } from './editor';
import { training } from './training';
import { layerOptions, layers } from './layers';
import { messages as flatMessages } from './messages';
import { nestIds } from '../nest-ids';
import { bypass } from './bypass';

export const zh = { common, editor, training, messages: nestIds(flatMessages), layers, layerOptions, bypass };
