// English engine messages: read from the engine's own table (engine/messages.ts), never copied, so the
// UI and the CLI say the same thing.
import { MESSAGES } from '../../../../engine/messages';
import { nestIds } from '../nest-ids';

export const messages = nestIds(MESSAGES);
