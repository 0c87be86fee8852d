// English strings, one file per area of the app.
import { common } from './common';
import { editor } from './editor';
import { training } from './training';

export const en = { common, editor, training };
