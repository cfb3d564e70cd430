import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from '@enlace/config';
import { Clock } from '@enlace/core';
import { renderDocument } from '@enlace/pdf';
import { buildViewModel } from '../../../templates/testing/request.factory.js';
import { OfficeSeals } from './office-seals.js';
import { createDemoAuthority, issueOfficeCertificate, toPkcs12 } from './seal-authority.js';

class FixedClock extends Clock {
  now() {
    return new Date('2026-03-02T15:30:00Z');
  }
}

let pdf: Buffer;
beforeAll(async () => {
  pdf = (await renderDocument(buildViewModel('authorization'))).bytes;
});

describe('office seals', () => {
  it('in the demonstration mode, makes the authority at start and each office’s certificate once, kept in the seal folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enlace-seal-'));
    const config = loadConfig({ ENLACE_SEAL_DIR: dir });
    const first = new OfficeSeals(config, new FixedClock());
    await first.onModuleInit();
    const sealed = await first.seal(pdf, 'GT-MINEX', 'Autorización GT-MX-2026-000123', new Date('2026-03-02T15:30:00Z'));
    // Another process on the same folder (the worker beside the API) trusts and reuses the same certificates.
    const second = new OfficeSeals(config, new FixedClock());
    expect(await second.verify(sealed)).toMatchObject({
      sealed: true,
      valid: true,
      office: { id: 'GT-MINEX', country: 'GT', institution: 'Ministerio de Relaciones Exteriores de la República de Guatemala' },
      authority: 'Enlace demo sealing authority',
      signedAt: '2026-03-02T15:30:00.000Z',
    });
    expect((await second.seal(pdf, 'GT-MINEX', 'Autorización GT-MX-2026-000123', new Date('2026-03-02T15:30:00Z'))).equals(sealed)).toBe(true);
    expect(await second.verify(pdf)).toMatchObject({ sealed: false, valid: false, problem: 'not_sealed' });
  });

  it('in production, seals with the PKCS#12 file the settings name for the office, and trusts only the authorities named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enlace-p12-'));
    const now = new Date('2026-03-02T15:30:00Z');
    const ca = createDemoAuthority(now, 'Autoridad certificadora de prueba');
    const minex = issueOfficeCertificate(ca, { id: 'GT-MINEX', country: 'GT', institution: 'Ministerio de Relaciones Exteriores de la República de Guatemala' }, now);
    writeFileSync(join(dir, 'minex.p12'), toPkcs12(minex, [ca.certificate], 's3cret'));
    writeFileSync(join(dir, 'ca.pem'), ca.certificate);
    expect(() => loadConfig({ ENLACE_SEAL_P12: `GT-MINEX=${join(dir, 'minex.p12')}` })).toThrow(ConfigError);
    expect(() => loadConfig({ ENLACE_SEAL_P12: 'minex.p12', ENLACE_SEAL_TRUST: 'ca.pem' })).toThrow(/OFFICE-ID=/);
    const env = { ENLACE_SEAL_P12: `GT-MINEX=${join(dir, 'minex.p12')}`, ENLACE_SEAL_P12_PASSPHRASE: 's3cret', ENLACE_SEAL_TRUST: join(dir, 'ca.pem') };
    const seals = new OfficeSeals(loadConfig(env), new FixedClock());
    await seals.onModuleInit();
    const sealed = await seals.seal(pdf, 'GT-MINEX', 'Autorización', now);
    expect(await seals.verify(sealed)).toMatchObject({ valid: true, office: { id: 'GT-MINEX' }, authority: 'Autoridad certificadora de prueba' });
    await expect(seals.seal(pdf, 'GT-MP', 'Formulario', now)).rejects.toThrow(/No PKCS#12 file for GT-MP/);
    // A demonstration seal is not trusted by a production deployment.
    const demo = new OfficeSeals(loadConfig({ ENLACE_SEAL_DIR: mkdtempSync(join(tmpdir(), 'enlace-seal-')) }), new FixedClock());
    expect(await seals.verify(await demo.seal(pdf, 'GT-MINEX', 'x', now))).toMatchObject({ valid: false, problem: 'untrusted_chain' });
    // A certificate renewed after the document was issued (the document waited, or its sealing failed
    // until the new file was installed) seals at the certificate's beginning, and the seal holds.
    const renewedFrom = new Date('2026-03-02T15:00:00Z');
    const renewed = issueOfficeCertificate(ca, { id: 'GT-MINEX', country: 'GT', institution: 'Ministerio de Relaciones Exteriores de la República de Guatemala' }, now, {
      notBefore: renewedFrom,
      notAfter: new Date('2031-03-02T00:00:00Z'),
    });
    writeFileSync(join(dir, 'renewed.p12'), toPkcs12(renewed, [ca.certificate], 's3cret'));
    const afterRenewal = new OfficeSeals(loadConfig({ ...env, ENLACE_SEAL_P12: `GT-MINEX=${join(dir, 'renewed.p12')}` }), new FixedClock());
    await afterRenewal.onModuleInit();
    const issuedBefore = new Date('2026-03-01T20:00:00Z');
    expect(await afterRenewal.verify(await afterRenewal.seal(pdf, 'GT-MINEX', 'Autorización', issuedBefore))).toMatchObject({
      valid: true,
      signedAt: renewedFrom.toISOString(),
    });
    // An expired certificate seals nothing: the document's job fails with the reason, for the admin to see.
    const expired = issueOfficeCertificate(ca, { id: 'GT-MINEX', country: 'GT', institution: 'Ministerio de Relaciones Exteriores de la República de Guatemala' }, now, {
      notBefore: new Date('2021-01-01T00:00:00Z'),
      notAfter: new Date('2026-03-01T00:00:00Z'),
    });
    writeFileSync(join(dir, 'expired.p12'), toPkcs12(expired, [ca.certificate], 's3cret'));
    const withExpired = new OfficeSeals(loadConfig({ ...env, ENLACE_SEAL_P12: `GT-MINEX=${join(dir, 'expired.p12')}` }), new FixedClock());
    await expect(withExpired.seal(pdf, 'GT-MINEX', 'Autorización', new Date('2026-02-27T12:00:00Z'))).rejects.toThrow(
      /certificate of GT-MINEX is valid from 2021-01-01T00:00:00.000Z to 2026-03-01T00:00:00.000Z, not now/,
    );
    // The admin installs the renewed certificate in the same file: the next document is sealed, without a restart.
    writeFileSync(join(dir, 'expired.p12'), toPkcs12(renewed, [ca.certificate], 's3cret'));
    expect(await withExpired.verify(await withExpired.seal(pdf, 'GT-MINEX', 'Autorización', now))).toMatchObject({ valid: true, office: { id: 'GT-MINEX' } });
    // A wrong passphrase stops the start.
    const wrong = new OfficeSeals(loadConfig({ ...env, ENLACE_SEAL_P12_PASSPHRASE: 'nope' }), new FixedClock());
    await expect(wrong.onModuleInit()).rejects.toThrow(/cannot open the PKCS#12/);
  });
});
