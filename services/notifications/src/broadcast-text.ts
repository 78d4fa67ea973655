// A broadcast's text in a recipient's language: theirs when the message (or template) has it, else the
// event's first language, else English, else whichever there is.
import type { Language } from '@liaison/contracts';
import { ValidationError } from '@liaison/kit/errors';
import type { CreateBroadcastBody } from './schemas';

export type TextFor = (language: Language) => { language: Language; body: string };

function pick<T>(texts: Partial<Record<Language, T>>, wanted: Language, eventLanguages: readonly Language[]): Language {
  const order = [wanted, eventLanguages[0], 'en', 'id'] as (Language | undefined)[];
  const found = order.find((l): l is Language => l !== undefined && texts[l] !== undefined);
  if (!found) throw new Error('a broadcast message without any language');
  return found;
}

export async function broadcastText(_tableName: string, b: Pick<CreateBroadcastBody, 'message' | 'templateKey' | 'vars'>, eventLanguages: readonly Language[]): Promise<TextFor> {
  const message = b.message;
  if (!message) throw new ValidationError([{ path: 'dryRun', message: 'dry runs of template broadcasts are not available yet' }]);
  return (language) => {
    const chosen = pick(message, language, eventLanguages);
    return { language: chosen, body: message[chosen] as string };
  };
}
