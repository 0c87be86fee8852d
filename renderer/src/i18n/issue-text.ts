// An engine issue (or a refused connection) in the UI language: the message id is translated with its
// values; text without an id (file and import problems) is shown in English as the engine wrote it.
import type { TFunction } from 'i18next';
import type { MessageId, MessageValues } from '../../../engine';

export interface TranslatableText {
  readonly message: string;
  readonly messageId?: MessageId | undefined;
  readonly values?: MessageValues | undefined;
}

export function issueText(t: TFunction, text: TranslatableText): string {
  if (text.messageId === undefined) return text.message;
  return t(`messages.${text.messageId}`, { ...text.values, defaultValue: text.message });
}
