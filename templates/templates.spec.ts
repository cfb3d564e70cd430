import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import {
  DOCUMENT_KINDS,
  canonicalJson,
  contentHash,
  formatDate,
  initials,
  renderDefinition,
  verificationPath,
  type DocumentViewModel,
} from './index.js';
import type { CountryCode, LegalBasis } from '../workflows/request/request.types.js';
import { deriveRoute } from '../workflows/rules/channels.js';
import { definitionText, nodes, plainText, sectionTitles } from './testing/definition-helpers.js';
import {
  AUTHORIZATION_SHA256,
  ENGLISH_TRANSLATION,
  FORM_SHA256,
  SMUGGLED_MINOR,
  SUSPECT,
  buildViewModel,
} from './testing/request.factory.js';

const gtToUs = (kind: DocumentViewModel['kind'] = 'standardized_form') =>
  buildViewModel(kind, {
    reference: 'GT-US-2026-000042',
    labels: { primary: 'es', secondary: 'en' },
    request: { requestedCountry: 'US', translations: { en: ENGLISH_TRANSLATION } },
  });

describe('standardized form', () => {
  const vm = buildViewModel('standardized_form');
  const def = renderDefinition(vm);

  it('has every section of the domain brief, in order and numbered', () => {
    expect(sectionTitles(def)).toEqual([
      '1. Estados y autoridades',
      '2. Naturaleza y etapa del procedimiento',
      '3. Fundamento jurídico',
      '4. Delitos',
      '5. Resumen de los hechos',
      '6. Finalidad de la asistencia solicitada',
      '7. Medidas solicitadas',
      '8. Personas involucradas',
      '9. Procedimientos particulares',
      '10. Confidencialidad y limitación de uso',
      '11. Urgencia',
      '12. Persona de contacto para la ejecución',
      '13. Idioma de la solicitud y traducción',
      '14. Intercambios informales previos',
      '15. Anexos',
    ]);
  });

  it('lists the annexes by kind, description, language and the SHA-256 of the file', () => {
    const withAnnexes = buildViewModel('standardized_form', {
      annexes: [{ kind: 'court_order', language: 'es', description: 'Auto del Juzgado Quinto de Primera Instancia Penal que ordena la diligencia', filename: 'auto.pdf', sha256: 'c'.repeat(64) }],
    });
    const text = definitionText(renderDefinition(withAnnexes));
    expect(text).toContain('15. Anexos');
    expect(text).toContain('Orden judicial\nAuto del Juzgado Quinto de Primera Instancia Penal que ordena la diligencia\nauto.pdf · español | ' + 'c'.repeat(64));
    expect(text).toContain('SHA-256 del archivo');
  });

  it('the requested cancillería forwards what the transmission note carried: that note, and the same annexes, each with its hash', () => {
    const carried = {
      annexes: [{ kind: 'court_order', language: 'es', description: 'Auto que ordena la diligencia', filename: 'auto.pdf', sha256: 'c'.repeat(64) }],
    };
    const transmission = definitionText(renderDefinition(buildViewModel('transmission_note', carried)));
    const forwarding = definitionText(renderDefinition(buildViewModel('forwarding_note', carried)));
    const after = (text: string, heading: string) => text.slice(text.indexOf(heading));
    expect(forwarding).toContain('transmitió por la vía diplomática');
    expect(after(forwarding, '3. Anexos')).toContain('auto.pdf · español | ' + 'c'.repeat(64));
    // It cites the transmission note among the documents, and lists the annexes as the transmission note does, word for word.
    expect(forwarding.slice(forwarding.indexOf('2. Documentos adjuntos'), forwarding.indexOf('3. Anexos'))).toContain('Nota de transmisión');
    const annexes = (text: string) => text.slice(text.indexOf('3. Anexos'), text.indexOf('auto.pdf'));
    expect(annexes(forwarding)).toBe(annexes(transmission));
  });

  it('lists the other States asked in the same case among the related requests the fiscal wrote (section 14), and no section 16', () => {
    const written = { country: 'HN' as const, reference: 'GT-HN-2026-000077', date: '2026-02-10', summary: 'Registros migratorios del adolescente.' };
    const inCase = buildViewModel('standardized_form', {
      request: { relatedRequests: [written], discloseOtherStatesAsked: true },
      otherStatesAsked: [{ country: 'US', reference: 'GT-US-2026-000043' }, { country: 'HN', reference: 'GT-HN-2026-000077' }],
    });
    const definition = renderDefinition(inCase);
    const text = definitionText(definition);
    // One table, under the prior exchanges: the fiscal's request, then the case's other one; HN, already written, once.
    expect(text).toMatch(/Solicitudes relacionadas y otros Estados requeridos[\s\S]*Honduras[\s\S]*GT-HN-2026-000077[\s\S]*Registros migratorios del adolescente\.[\s\S]*Estados Unidos[\s\S]*GT-US-2026-000043[\s\S]*Requerido en la misma investigación \(caso\)/);
    expect(text.split('GT-HN-2026-000077')).toHaveLength(2);
    expect(sectionTitles(definition).some((t) => t.startsWith('16.'))).toBe(false);
    expect(sectionTitles(definition).at(-1)).toBe('15. Anexos');
  });

  it('has no related requests at all when the fiscal wrote none and the case discloses none', () => {
    expect(definitionText(def)).not.toContain('Solicitudes relacionadas');
    expect(sectionTitles(def).some((t) => t.startsWith('16.'))).toBe(false);
  });

  it('prints the persons in full, protected ones included', () => {
    const text = definitionText(def);
    expect(text).toContain(SMUGGLED_MINOR.fullName);
    expect(text).toContain(SMUGGLED_MINOR.identityDocument);
    expect(text).toContain(SUSPECT.fullName);
    expect(text).toContain('Niña, niño o adolescente no acompañado o separado');
    expect(text).not.toContain('J. A. M. P.');
  });

  it('lists the measures with their questions, and the prior informal exchanges', () => {
    const text = definitionText(def);
    expect(text).toContain('7.1 Obtención de registros bancarios u otros');
    expect(text).toContain('7.2 Recepción de declaración testimonial');
    expect(text).toContain('¿Quién solicitó la apertura de la cuenta y qué documentos presentó?');
    expect(text).toContain('Se confirmó por la vía informal la existencia de la cuenta');
    expect(text).toContain('20 de enero de 2026');
  });

  it('prints the route and cites the limited-use provision of each basis invoked (Nassau art. 25, UNTOC 18(19), the treaty)', () => {
    const withRoute = (legalBasis: LegalBasis[], to: CountryCode = 'MX', bilateralTreaty?: string) =>
      definitionText(
        renderDefinition(
          buildViewModel('standardized_form', {
            request: { requestedCountry: to, legalBasis, bilateralTreaty, route: deriveRoute({ requestedCountry: to, legalBasis, bilateralTreaty }, 'GT')! },
          }),
        ),
      );
    const nassau = withRoute(['NASSAU_1992']);
    expect(nassau).toContain('art. 25 de la Convención de Nassau');
    expect(nassau).not.toContain('art. 18, párr. 19');
    expect(nassau).toContain('Entre autoridades centrales');
    expect(nassau).toContain('Fiscalía General de la República');
    const both = withRoute(['UNTOC_ART18', 'SOM_PROTOCOL', 'NASSAU_1992']);
    expect(both).toContain('(art. 25 de la Convención de Nassau; art. 18, párr. 19, de la Convención de Palermo)');
    expect(withRoute(['BILATERAL'], 'MX', 'GT-MX')).toContain('disposición sobre limitación de uso del tratado bilateral');
    const comity = withRoute(['RECIPROCITY'], 'US');
    expect(comity).toContain('Vía diplomática');
    expect(comity).toContain('Ministerio de Relaciones Exteriores de Guatemala');
  });

  it('presents the whole request in both languages, one after the other: labels, values and every free text', () => {
    const bilingual = renderDefinition(gtToUs());
    const titles = sectionTitles(bilingual);
    // The request as written, then the same sections in English.
    expect(titles).toContain('5. Resumen de los hechos');
    expect(titles).toContain('5. Summary of the facts');
    expect(titles.indexOf('5. Summary of the facts')).toBeGreaterThan(titles.indexOf('5. Resumen de los hechos'));
    const text = definitionText(bilingual);
    expect(text).toContain('Estados Unidos de América (US)');
    expect(text).toContain('TRANSLATION INTO ENGLISH');
    expect(text).toContain('United States of America (US)');
    // Closed-list values in the part's own language, never the other's: "Stage" with an English stage.
    expect(text).toContain('Investigación');
    expect(text).toContain('Investigation');
    expect(text).not.toContain('Investigación / Investigation');
    expect(text).toContain('Taking of testimony');
    expect(text).toContain('Procuring illegal entry');
    // Every free text from the translation: facts, the stage, offences, questions, procedures, reasons.
    for (const translated of [ENGLISH_TRANSLATION.summaryOfFacts!, ...Object.values(ENGLISH_TRANSLATION.texts!)]) expect(text).toContain(translated);
    // Who answers for the translation.
    expect(text).toContain('Jane R. Doe');
    expect(text).toContain('Sworn translator (Spanish–English)');
  });

  it('points to the certified translation annexed instead of repeating the texts', () => {
    const annexed = renderDefinition(
      buildViewModel('standardized_form', {
        labels: { primary: 'es', secondary: 'en' },
        request: { requestedCountry: 'US', certifiedTranslations: ['en'], translations: { en: { attestation: ENGLISH_TRANSLATION.attestation } } },
      }),
    );
    const text = definitionText(annexed);
    expect(text).toContain('Certified translation annexed (see the list of annexes, with its SHA-256)');
    expect(text).toContain('Jane R. Doe');
    expect(sectionTitles(annexed)).not.toContain('5. Summary of the facts');
  });

  it('says what is missing rather than leaving a section out', () => {
    const sparse = renderDefinition(
      buildViewModel('standardized_form', { request: { procedures: undefined, priorInformalExchanges: [], urgency: undefined } }),
    );
    expect(sectionTitles(sparse)).toHaveLength(15);
    expect(definitionText(sparse)).toContain('No consta');
    expect(definitionText(sparse)).toContain('Ninguno');
  });
});

describe('informal draft', () => {
  const vm = buildViewModel('informal_draft', {
    request: {
      persons: [
        SUSPECT,
        SMUGGLED_MINOR,
        { role: 'victim', fullName: 'Rosa Elvira Xitumul de León', nationality: 'guatemalteca', dateOfBirth: '1990-01-02' },
        { role: 'witness', fullName: 'Pedro Ixcoy', vulnerabilities: ['indigenous_afrodescendant_lgbti'], location: 'Sololá' },
        { role: 'witness', fullName: 'Ana Lucía Cifuentes Toj' },
      ],
    },
  });
  const def = renderDefinition(vm);
  const text = definitionText(def);

  it('shows victims, smuggled migrants and vulnerable persons by initials only', () => {
    expect(text).toContain('J. A. M. P.');
    expect(text).toContain('R. E. X. L.');
    expect(text).toContain('P. I.');
    for (const leak of ['Josué Andrés Muñoz Pérez', 'Muñoz', 'Xitumul', 'Ixcoy', SMUGGLED_MINOR.identityDocument!, SMUGGLED_MINOR.location!, 'Sololá', '3 de noviembre de 2009']) {
      expect(text).not.toContain(leak);
    }
  });

  it('masks a protected person’s name written in the free text too', () => {
    expect(text).toContain('al adolescente J. A. M. P., de 16 años');
  });

  it('keeps the other persons in full', () => {
    expect(text).toContain(SUSPECT.fullName);
    expect(text).toContain('Ana Lucía Cifuentes Toj');
  });

  it('is marked on every page as informal and not valid as a formal request', () => {
    for (const page of [1, 2, 5]) {
      expect(definitionText(def, page, 5)).toContain('BORRADOR INFORMAL — NO VÁLIDO COMO SOLICITUD FORMAL');
    }
    expect(def.watermark).toBeDefined();
  });

  it('follows the same numbered sections as the form', () => {
    expect(sectionTitles(def)).toHaveLength(14);
  });
});

describe('authorization', () => {
  const def = renderDefinition(buildViewModel('authorization'));
  const text = definitionText(def);

  it('cites the form it authorizes by reference and the verification code the form’s footer prints', () => {
    expect(text).toContain('Documento autorizado');
    expect(text).toContain('Formulario normalizado de solicitud');
    expect(text).toContain(`Código de verificación | ${FORM_SHA256}`);
    expect(text).not.toContain('SHA-256');
    expect(text).toContain('GT-MX-2026-000123');
  });

  it('names the officer, the date and the conditions', () => {
    expect(text).toContain('Lic. Andrés Quiñónez');
    expect(text).toContain('Dirección de Asuntos Jurídicos');
    // 15:30 UTC is 09:30 in Guatemala, where the cancillería signs.
    expect(text).toContain('2 de marzo de 2026, 09:30 (UTC−06:00)');
    expect(text).not.toContain('UTC\n');
    expect(text).toContain('La información obtenida solo podrá usarse en el proceso MP001-2025-48213');
    expect(text).toContain('El Ministerio de Relaciones Exteriores de la República de Guatemala autoriza la formalización');
    expect(text).toContain('a la autoridad central de México');
  });

  it('carries no case content', () => {
    expect(text).not.toContain(SMUGGLED_MINOR.fullName);
    expect(text).not.toContain('Tecún Umán');
  });
});

describe('transmission note', () => {
  const def = renderDefinition(buildViewModel('transmission_note'));
  const text = definitionText(def);

  it('is addressed to the requested country’s central authority by its name and the channel', () => {
    expect(text).toContain('Destinatario\nAutoridad central de México\nFiscalía General de la República\nEntre autoridades centrales');
  });

  it('opens and closes with the courtesy formulas of a note', () => {
    expect(text).toContain('El Ministerio de Relaciones Exteriores de la República de Guatemala saluda atentamente a la autoridad central de México y tiene el honor');
    expect(text).toContain('aprovecha la oportunidad para reiterar a la autoridad central de México las muestras de su más alta y distinguida consideración');
  });

  it('lists each enclosure with its verification code', () => {
    const tables = nodes(def.content).filter((n) => 'table' in n && plainText(n).includes('Código de verificación'));
    expect(tables).toHaveLength(1);
    const rows = (tables[0]!.table as { body: unknown[][] }).body.map((row) => row.map(plainText));
    expect(rows).toHaveLength(3);
    expect(rows[1]![1]).toContain('Formulario normalizado de solicitud');
    expect(rows[1]![1]).toContain('GT-MX-2026-000123 · Revisión 1');
    expect(rows[1]![2]).toBe(FORM_SHA256);
    expect(rows[2]![1]).toContain('Autorización para formalizar la solicitud');
    expect(rows[2]![2]).toBe(AUTHORIZATION_SHA256);
  });
});

describe('acknowledgement', () => {
  it('records the requested side’s reference, the date of receipt and the officer', () => {
    const text = definitionText(renderDefinition(buildViewModel('acknowledgement')));
    expect(text).toContain('FGR/AJI/0457/2026');
    expect(text).toContain('9 de marzo de 2026');
    expect(text).toContain('Mtra. Guadalupe Ríos Nuñez');
    expect(text).toContain('La Fiscalía General de la República de los Estados Unidos Mexicanos saluda atentamente a las autoridades de Guatemala y acusa recibo');
    expect(text).toContain('Ciudad de México, 2 de marzo de 2026');
    expect(text).toContain('Nota n.º FGR-MX/2026/00005');
    expect(text).toContain('las muestras de su más alta y distinguida consideración');
  });
});

describe('overdue notice', () => {
  it('cites the request, the stage, the date due and the days late', () => {
    const text = definitionText(renderDefinition(buildViewModel('overdue_notice')));
    expect(text).toContain('GT-MX-2026-000123');
    expect(text).toContain('Transmitida');
    expect(text).toContain('16 de marzo de 2026');
    expect(text).toContain('12');
    expect(text).toContain('venció hace 12 día(s)');
  });
});

describe('documents a clerk signs', () => {
  const FORMAL = ['standardized_form', 'authorization', 'transmission_note', 'acknowledgement'] as const;

  it.each(FORMAL)('%s: the issuing office’s letterhead, the note number, and the place and date of signature', (kind) => {
    const vm = buildViewModel(kind);
    const text = definitionText(renderDefinition(vm));
    const office = vm.issuer!.office;
    expect(text).toContain(Object.values(office.institution)[0]);
    expect(text).toContain(`Nota n.º ${vm.issuer!.noteNumber}`);
    expect(text).toContain(`${office.city.es}, 2 de marzo de 2026`);
    for (const line of office.address) expect(text).toContain(line);
  });

  it('dates a note signed at 23:30 in Guatemala on that day, not on the next (UTC already is)', () => {
    // 2026-03-02 05:30 UTC is 1 March, 23:30 in Guatemala (UTC−6, no daylight saving time).
    const vm = buildViewModel('transmission_note', { issuedAt: '2026-03-02T05:30:00.000Z' });
    const text = definitionText(renderDefinition(vm));
    expect(text).toContain('Ciudad de Guatemala, 1 de marzo de 2026');
    expect(text).toContain('1 de marzo de 2026, 23:30 (UTC−06:00)');
    expect(text).not.toContain('2 de marzo de 2026');
  });

  it('writes the date of a bilingual note in both languages, each in the office’s time zone', () => {
    const vm = buildViewModel('transmission_note', {
      issuedAt: '2026-03-02T05:30:00.000Z',
      labels: { primary: 'es', secondary: 'en' },
      request: { requestedCountry: 'US' },
      addressee: { role: 'central_authority', country: 'US', office: { en: 'U.S. Department of Justice, Criminal Division, Office of International Affairs' }, channel: 'diplomatic' },
    });
    const text = definitionText(renderDefinition(vm));
    expect(text).toContain('Ciudad de Guatemala, 1 de marzo de 2026 / Guatemala City, 1 March 2026');
    expect(text).toContain('Autoridad central de los Estados Unidos de América / Central authority of the United States of America');
    expect(text).toContain('saluda atentamente a la autoridad central de los Estados Unidos de América');
    expect(text).toContain('presents its compliments to the central authority of the United States of America');
    expect(text).toContain('renew to the central authority of the United States of America the assurances of its highest consideration');
    expect(text).toContain('Vía diplomática / Diplomatic channel');
  });

  it('closes in French with the formula of a note', () => {
    const vm = buildViewModel('transmission_note', { labels: { primary: 'fr' }, request: { requestedCountry: 'CA' }, addressee: { role: 'central_authority', country: 'CA' } });
    const text = definitionText(renderDefinition(vm));
    expect(text).toContain('présente ses compliments à l’autorité centrale du Canada');
    expect(text).toContain('les assurances de sa très haute considération');
    expect(text).toContain('Guatemala, le 2 mars 2026');
  });

  it('signs with name, post and office, the ministry named once', () => {
    const vm = buildViewModel('authorization', {
      event: { actor: { name: 'María José Estrada', post: 'Directora de Asuntos Jurídicos', role: 'cancilleria', country: 'GT', office: 'Dirección de Asuntos Jurídicos, Ministerio de Relaciones Exteriores de la República de Guatemala' } },
    });
    const text = definitionText(renderDefinition(vm));
    expect(text).toContain('Firma y sello\nMaría José Estrada\nDirectora de Asuntos Jurídicos\nDirección de Asuntos Jurídicos\nMinisterio de Relaciones Exteriores de la República de Guatemala');
    expect(text.match(/Ministerio de Relaciones Exteriores de la República de Guatemala\n/g)).toHaveLength(2); // letterhead and signature, never twice in the block
    const block = text.slice(text.indexOf('Firma y sello'));
    expect(block.match(/Ministerio de Relaciones Exteriores/g)).toHaveLength(1);
  });

  it('prints the emblem of the reviewed data beside the letterhead, and only an image given as data', () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const vm = buildViewModel('authorization');
    const withEmblem = { ...vm, issuer: { ...vm.issuer!, office: { ...vm.issuer!.office, emblem: png } } };
    expect(nodes(renderDefinition(withEmblem).content).filter((n) => 'image' in n).map((n) => n.image)).toEqual([png]);
    const forged = { ...vm, issuer: { ...vm.issuer!, office: { ...vm.issuer!.office, emblem: '/etc/passwd' } } };
    expect(nodes(renderDefinition(forged).content).filter((n) => 'image' in n)).toHaveLength(0);
  });

  it('footer and citations print the same labelled verification code', () => {
    const form = buildViewModel('standardized_form');
    const formHash = contentHash(form);
    const footer = plainText((renderDefinition(form).footer as (p: number, n: number) => unknown)(1, 3));
    expect(footer.trim()).toBe(`Código de verificación: ${formHash}`);
    const authorization = definitionText(renderDefinition(buildViewModel('authorization', { authorizes: { kind: 'standardized_form', reference: form.reference, revision: 1, contentHash: formHash } })));
    expect(authorization).toContain(`Código de verificación | ${formHash}`);
  });

  it('the informal draft has no letterhead and no number: it is no office’s note', () => {
    const text = definitionText(renderDefinition(buildViewModel('informal_draft', { issuer: undefined })));
    expect(text).not.toContain('Nota n.º');
  });
});

describe('every document', () => {
  it.each(DOCUMENT_KINDS)('%s: reference, title and page n of m on every page, content hash in the footer', (kind) => {
    const vm = buildViewModel(kind);
    const hash = contentHash(vm);
    const def = renderDefinition(vm);
    const header = plainText((def.header as (p: number, n: number) => unknown)(2, 3));
    expect(header).toContain('GT-MX-2026-000123');
    expect(header).toContain('Página 2 de 3');
    const footer = plainText((def.footer as (p: number, n: number) => unknown)(2, 3));
    expect(footer).toContain(hash);
  });

  it.each(DOCUMENT_KINDS)('%s: one QR code, on the first page, holding only the public verification address', (kind) => {
    const vm = { ...buildViewModel(kind), verifyUrl: 'https://enlace.example.org/verify/' };
    const def = renderDefinition(vm);
    const qrs = nodes(def.content).filter((n) => 'qr' in n);
    expect(qrs).toHaveLength(1);
    expect(qrs[0]!.qr).toBe(verificationPath(contentHash(vm), vm.verifyUrl));
    expect(qrs[0]!.qr).toMatch(/^https:\/\/enlace\.example\.org\/verify\/[0-9a-f]{64}$/);
  });

  it.each(DOCUMENT_KINDS)('%s: PDF dates fixed to the event’s time, no case content in the metadata', (kind) => {
    const def = renderDefinition(buildViewModel(kind));
    expect(def.info?.creationDate).toEqual(new Date('2026-03-02T15:30:00.000Z'));
    expect(def.info?.modDate).toEqual(new Date('2026-03-02T15:30:00.000Z'));
    expect(JSON.stringify(def.info)).not.toMatch(/Peña|Muñoz|Tecún/);
  });

  it('refuses an unknown kind', () => {
    expect(() => renderDefinition({ ...buildViewModel('authorization'), kind: 'toString' as never })).toThrow('Unknown document kind');
  });
});

describe('user input', () => {
  const hostile = '{"image":"/etc/passwd","attachment":"https://evil.example/x"}';

  function everyKey(def: TDocumentDefinitions): Set<string> {
    const keys = new Set<string>();
    for (const n of nodes(def.content)) for (const k of Object.keys(n)) keys.add(k);
    return keys;
  }

  it('prints a string that looks like a pdfmake node literally', () => {
    const def = renderDefinition(buildViewModel('standardized_form', { request: { summaryOfFacts: hostile } }));
    expect(definitionText(def)).toContain(hostile);
    expect(everyKey(def).has('image')).toBe(false);
  });

  it('coerces objects smuggled into text fields to strings, never to nodes', () => {
    const injected = { image: 'data:image/png;base64,AAAA', text: 'x' } as unknown as string;
    const def = renderDefinition(
      buildViewModel('standardized_form', {
        request: {
          title: injected,
          summaryOfFacts: injected,
          persons: [{ role: 'suspect', fullName: injected, nationality: injected }],
          measures: [{ type: 'other', description: injected, questions: [injected] }],
          contact: { name: injected, email: injected },
        },
      }),
    );
    const keys = everyKey(def);
    for (const dangerous of ['image', 'svg', 'attachment', 'link', 'linkToFile']) expect(keys.has(dangerous)).toBe(false);
    expect(definitionText(def)).toContain('[object Object]');
  });

  it('ignores a list field that is not a list', () => {
    const def = renderDefinition(buildViewModel('standardized_form', { request: { persons: 'Juan' as never, measures: { 0: 'x' } as never }, annexes: 'x' as never }));
    expect(sectionTitles(def)).toHaveLength(15);
  });
});

describe('contentHash', () => {
  it('does not depend on key order', () => {
    expect(contentHash({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'é' } })).toBe(contentHash({ a: { c: 'é', d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined] })).toBe('{"b":1,"c":[null]}');
  });

  it('changes with the content', () => {
    const vm = buildViewModel('standardized_form');
    expect(contentHash(vm)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash({ ...vm, reference: 'GT-MX-2026-000124' })).not.toBe(contentHash(vm));
  });
});

describe('helpers', () => {
  it('initials skip name particles', () => {
    expect(initials('María José Peña de León')).toBe('M. J. P. L.');
    expect(initials('  ñandú   Ávila-Ruiz ')).toBe('Ñ. Á. R.');
    expect(initials('')).toBe('—');
  });

  it('formatDate writes dates out in each language, and leaves anything else as given', () => {
    expect(formatDate('2026-03-01', 'es')).toBe('1 de marzo de 2026');
    expect(formatDate('2026-03-01', 'en')).toBe('1 March 2026');
    expect(formatDate('2026-03-01', 'fr')).toBe('1er mars 2026');
    expect(formatDate('2026-08-15T09:05:00Z', 'fr')).toBe('15 août 2026, 09:05 UTC');
    expect(formatDate('2026-08-15T09:05:00Z', 'en', { timeZone: 'America/New_York' })).toBe('15 August 2026, 05:05 (UTC−04:00)');
    expect(formatDate('2026-12-15T09:05:00Z', 'en', { timeZone: 'America/New_York' })).toBe('15 December 2026, 04:05 (UTC−05:00)');
    expect(formatDate('2027-01-01T05:30:00Z', 'es', { timeZone: 'America/Guatemala', dateOnly: true })).toBe('31 de diciembre de 2026');
    expect(formatDate('2026-02-30', 'es')).toBe('2026-02-30');
    expect(formatDate('mañana', 'es')).toBe('mañana');
  });
});
