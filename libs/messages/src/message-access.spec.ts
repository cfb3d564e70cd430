import type { Role, WorkflowActor } from '@enlace/workflows';
import { channelRole, type ChannelRequest } from './message-access.js';

const request: ChannelRequest = { createdBy: 'gt-1', requestingCountry: 'GT', requestedCountry: 'MX', sharedAt: new Date('2026-03-01') };
const actor = (id: string, role: Role, country: WorkflowActor['country'], authorizedLiaison = role === 'fiscal'): WorkflowActor => ({
  id,
  role,
  country,
  authorizedLiaison,
});

describe('who takes part in the informal channel', () => {
  it('the creating fiscal and the requested country’s authorized liaisons post', () => {
    expect(channelRole(actor('gt-1', 'fiscal', 'GT'), request)).toBe('party');
    expect(channelRole(actor('gt-1', 'fiscal', 'GT', false), request)).toBe('party'); // reads; posting then refused as not authorized
    expect(channelRole(actor('mx-1', 'fiscal', 'MX'), request)).toBe('party');
  });

  it('the requested liaisons only once shared, and only while authorized', () => {
    expect(channelRole(actor('mx-1', 'fiscal', 'MX'), { ...request, sharedAt: null })).toBeNull();
    expect(channelRole(actor('mx-1', 'fiscal', 'MX', false), request)).toBeNull();
  });

  it('the requesting cancillería reads; nobody else', () => {
    expect(channelRole(actor('c', 'cancilleria', 'GT'), request)).toBe('reader');
    expect(channelRole(actor('c', 'cancilleria', 'MX'), request)).toBeNull();
    expect(channelRole(actor('ca', 'central_authority', 'MX'), request)).toBeNull();
    expect(channelRole(actor('s', 'supervisor', 'GT'), request)).toBeNull();
    expect(channelRole(actor('f', 'fiscal', 'GT'), request)).toBeNull();
    expect(channelRole(actor('hn', 'fiscal', 'HN'), request)).toBeNull();
    expect(channelRole(actor('a', 'admin', null), request)).toBeNull();
  });
});
