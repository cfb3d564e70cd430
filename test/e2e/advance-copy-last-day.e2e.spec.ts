// An urgent advance copy is confirmed in time by a formal transmission on its last day in the
// requesting country, evening included (UTC is already the next day from 18:00 in Guatemala).
import { advanceUntil, createRequest, sendEvent, type Flow } from '../support/request-flow.js';
import { TestClock } from '../support/test-clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const clock = new TestClock('2026-03-02T15:00:00.000Z'); // Monday 2 March, 09:00 in Guatemala
let t: TestApp;
beforeAll(async () => {
  // Tokens live through the days the clock is moved across.
  t = await startTestApp({ clock, env: { ENLACE_TOKEN_TTL_SECONDS: '86400' } });
});
afterAll(() => t?.close());

async function recordedAdvanceCopy(title: string): Promise<Flow> {
  clock.set('2026-03-02T15:00:00.000Z');
  const flow = await advanceUntil(t, await createRequest(t, { title }), 'SUBMIT');
  const recorded = await sendEvent(t, flow, { type: 'RECORD_ADVANCE_COPY', by: 'fiscalGT', data: { channel: 'interpol', sentOn: '2026-03-02', reference: 'INTERPOL GT/2026/0415' } });
  expect(recorded.body.followUp.advanceCopy).toMatchObject({ confirmBy: '2026-03-12', status: 'awaiting_confirmation' });
  for (const step of [{ type: 'SUBMIT', by: 'fiscalGT' }, { type: 'AUTHORIZE', by: 'cancilleriaGT' }] as const) expect((await sendEvent(t, flow, step)).status).toBe(200);
  return flow;
}

describe('the last day to confirm an advance copy', () => {
  it('is confirmed by a transmission at 19:00 on that day in Guatemala, late from its midnight', async () => {
    const evening = await recordedAdvanceCopy('Transmitida la última tarde');
    clock.set('2026-03-13T01:00:00.000Z'); // Thursday 12 March, 19:00 in Guatemala
    const transmitted = await sendEvent(t, evening, { type: 'TRANSMIT', by: 'autoridadGT' });
    expect(transmitted.body.followUp.advanceCopy).toMatchObject({ confirmedAt: '2026-03-13T01:00:00.000Z', status: 'confirmed' });

    const late = await recordedAdvanceCopy('Transmitida pasada la medianoche');
    clock.set('2026-03-13T06:00:00.000Z'); // Friday 13 March, 00:00 in Guatemala
    expect((await sendEvent(t, late, { type: 'TRANSMIT', by: 'autoridadGT' })).body.followUp.advanceCopy).toMatchObject({ status: 'confirmed_late' });
  });
});
