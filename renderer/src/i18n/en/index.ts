// English strings, one file per area of the app.
import { adjust } from './adjust';
import { common } from './common';
import { editor } from './editor';
import { frozen } from './frozen';
import { training } from './training';
import { continueTraining } from './continueTraining';
import { compareRuns } from './compare-runs';
import { layerOptions, layers } from './layers';
import { messages } from './messages';
import { bypass } from './bypass';

export const en = {
  common,
  editor,
  training,
  continueTraining,
  compareRuns,
  messages,
  layers,
  layerOptions,
  frozen,
  bypass,
  adjust,
};
