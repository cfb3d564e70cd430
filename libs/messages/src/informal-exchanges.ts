// What the informal channel leaves on the formal request. Informally obtained information must be
// formalized to be usable, and the requested side must know of it (the domain brief, "prior informal
// exchanges"); so the conversation on a shared draft is carried into the form as one entry per
// message: its date, the counterpart, and its first line. The fiscal can edit the entries; a message
// is carried once. Pure: no Nest, no database.
import {
  countryProfile,
  type CountryCode,
  type Language,
  type PriorInformalExchange,
} from '@enlace/workflows';

export interface ExchangeMessage {
  createdAt: Date;
  authorName: string;
  authorOffice: string | null;
  authorCountry: CountryCode;
  body: string;
}

export interface ExchangeContext {
  requestingCountry: CountryCode;
  requestedCountry: CountryCode;
  /** The language the form is printed in, for the name of a whole side. */
  language: Language;
}

// Within the DTO's bounds, so that the fiscal can send the list back by PATCH unchanged.
const MAX_COUNTERPART = 300;
const MAX_SUMMARY = 500;

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** The first line that says something. */
export function firstLine(body: string): string {
  return body.split(/\r?\n/).map((line) => line.trim()).find((line) => line !== '') ?? '';
}

/** The requested side's liaisons as a whole, in the language of the form. */
export function requestedSideName(country: CountryCode, language: Language): string {
  const name = countryProfile(country).name;
  switch (language) {
    case 'es':
      return `Fiscales de enlace de ${name.es}`;
    case 'en':
      return `Liaison prosecutors, ${name.en}`;
    case 'fr':
      return `Procureurs de liaison (${country})`;
  }
}

/**
 * One entry per message. The counterpart is always someone of the requested side: the author of a
 * message from there, or, for the requesting fiscal's own messages, the requested side's liaisons.
 */
export function exchangeEntry(message: ExchangeMessage, context: ExchangeContext): PriorInformalExchange {
  const fromRequestedSide = message.authorCountry !== context.requestingCountry;
  const counterpart = fromRequestedSide
    ? `${message.authorName} (${[message.authorOffice, message.authorCountry].filter(Boolean).join(', ')})`
    : requestedSideName(context.requestedCountry, context.language);
  return {
    date: message.createdAt.toISOString().slice(0, 10),
    counterpart: clip(counterpart, MAX_COUNTERPART),
    summary: clip(firstLine(message.body), MAX_SUMMARY),
  };
}

const keyOf = (entry: PriorInformalExchange): string => `${entry.date}\u0000${entry.counterpart}\u0000${entry.summary}`;

/** The existing entries, followed by one per message, oldest first, leaving out any already present. */
export function summarizeExchanges(
  existing: readonly PriorInformalExchange[] | undefined,
  messages: readonly ExchangeMessage[],
  context: ExchangeContext,
): PriorInformalExchange[] {
  const entries = [...(existing ?? [])];
  const seen = new Set(entries.map(keyOf));
  for (const message of [...messages].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const entry = exchangeEntry(message, context);
    if (entry.summary === '' || seen.has(keyOf(entry))) continue;
    seen.add(keyOf(entry));
    entries.push(entry);
  }
  return entries;
}
