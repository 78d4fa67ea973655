// A broadcast's text in a recipient's language: theirs when the message (or template) has it, else the
// event's first language, else English, else Indonesian. A template is rendered with the broadcast's `vars`.
import type { Language } from '@liaison/contracts';
import { render, type TemplateTexts } from './domain/templates';

export type TextFor = (language: Language) => { language: Language; subject: string | null; body: string };

function pick(has: (l: Language) => boolean, wanted: Language, eventLanguages: readonly Language[]): Language {
  const order = [wanted, eventLanguages[0], 'en', 'id'] as (Language | undefined)[];
  const found = order.find((l): l is Language => l !== undefined && has(l));
  if (!found) throw new Error('a broadcast text without any language');
  return found;
}

/** For an inline message, or for a template's texts (as the templates store gives them) with `vars`. */
export function broadcastText(
  source: { message: Partial<Record<Language, string>> } | { texts: TemplateTexts; vars: Record<string, string> },
  eventLanguages: readonly Language[],
): TextFor {
  if ('message' in source) {
    const m = source.message;
    return (wanted) => {
      const language = pick((l) => m[l] !== undefined, wanted, eventLanguages);
      return { language, subject: null, body: m[language] as string };
    };
  }
  const { texts, vars } = source;
  return (wanted) => {
    const language = pick((l) => texts[l] !== undefined, wanted, eventLanguages);
    const t = texts[language]!;
    return { language, subject: t.subject === undefined ? null : render(t.subject, vars, language), body: render(t.body, vars, language) };
  };
}
