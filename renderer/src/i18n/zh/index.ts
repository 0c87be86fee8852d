// Simplified Chinese strings, one file per area of the app (same keys as en/).
import { common } from './common';
import { editor } from './editor';
import { training } from './training';

export const zh = { common, editor, training };
