// Simplified Chinese strings, one file per area of the app (same keys as en/).
import { adjust } from './adjust';
import { common } from './common';
import { editor } from './editor';
import { frozen } from './frozen';
import { training } from './training';
import { continueTraining } from './continueTraining';
import { compareRuns } from './compare-runs';
import { layerOptions, layers } from './layers';
import { messages as flatMessages } from './messages';
import { nestIds } from '../nest-ids';
import { bypass } from './bypass';

export const zh = {
  common,
  editor,
  training,
  continueTraining,
  compareRuns,
  messages: nestIds(flatMessages),
  layers,
  layerOptions,
  frozen,
  bypass,
  adjust,
};
