import { exchangeEntry, firstLine, requestedSideName, summarizeExchanges, type ExchangeMessage } from './informal-exchanges.js';

const context = { requestingCountry: 'GT', requestedCountry: 'MX', language: 'es' } as const;

const fromMX = (body: string, at = '2026-03-02T15:00:00Z'): ExchangeMessage => ({
  createdAt: new Date(at),
  authorName: 'Jorge Ramírez Peña',
  authorOffice: 'Unidad Especializada en Tráfico de Migrantes, FGR',
  authorCountry: 'MX',
  body,
});
const fromGT = (body: string, at = '2026-03-01T10:00:00Z'): ExchangeMessage => ({
  createdAt: new Date(at),
  authorName: 'Ana Lucía Pérez Chávez',
  authorOffice: null,
  authorCountry: 'GT',
  body,
});

describe('the summary of the informal exchanges', () => {
  it('takes the first line that says something', () => {
    expect(firstLine('\n  \n  Confirmada la cuenta.  \nDetalles después.')).toBe('Confirmada la cuenta.');
    expect(firstLine('   ')).toBe('');
  });

  it('names the counterpart: the author from the requested side, or that side’s liaisons as a whole', () => {
    expect(exchangeEntry(fromMX('La cuenta existe.\nSaludos'), context)).toEqual({
      date: '2026-03-02',
      counterpart: 'Jorge Ramírez Peña (Unidad Especializada en Tráfico de Migrantes, FGR, MX)',
      summary: 'La cuenta existe.',
    });
    expect(exchangeEntry(fromGT('¿Existe la cuenta 0123?'), context).counterpart).toBe('Fiscales de enlace de México');
    expect(requestedSideName('US', 'en')).toBe('Liaison prosecutors, United States of America');
    expect(requestedSideName('CA', 'fr')).toBe('Procureurs de liaison (CA)');
  });

  it('keeps every entry within the bounds a PATCH accepts', () => {
    const entry = exchangeEntry({ ...fromMX('x'.repeat(2000)), authorName: 'N'.repeat(400) }, context);
    expect(entry.summary.length).toBeLessThanOrEqual(500);
    expect(entry.summary.endsWith('…')).toBe(true);
    expect(entry.counterpart.length).toBeLessThanOrEqual(300);
  });

  it('appends one entry per message, oldest first, after what the fiscal already wrote', () => {
    const existing = [{ date: '2026-01-20', counterpart: 'Fiscal de enlace de la FGR', summary: 'Llamada telefónica.' }];
    const result = summarizeExchanges(existing, [fromMX('Sí, existe.'), fromGT('¿Existe la cuenta?')], context);
    expect(result.map((e) => e.summary)).toEqual(['Llamada telefónica.', '¿Existe la cuenta?', 'Sí, existe.']);
  });

  it('does not duplicate an entry already present, nor two identical messages the same day', () => {
    const once = summarizeExchanges(undefined, [fromMX('Sí, existe.')], context);
    expect(summarizeExchanges(once, [fromMX('Sí, existe.', '2026-03-02T18:00:00Z'), fromMX('Sí, existe.')], context)).toEqual(once);
  });
});
