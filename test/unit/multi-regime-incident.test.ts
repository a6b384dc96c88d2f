// One incident under many regimes at once, through the workflow's state rules without Temporal: a breach of a German
// controller regulated by NYDFS, affecting people in Germany and five US states, carries every clock that binds,
// each due when its law says. Due instants are computed by hand in the comments (UTC).
import type { Scope } from '../../src/domain/lifecycle';
import { IncidentState, type IncidentContext } from '../../src/workflows/incident-state';

const AWARE = '2026-03-02T09:00:00.000Z'; // Monday; also detection, so discovery
const NOW = Date.parse('2026-03-02T12:00:00.000Z');
const CONTEXT: IncidentContext = { organisation: { establishment: ['DE'], sectorFlags: ['nydfs-covered-entity'], actingAs: 'controller' }, policies: {} };
const SCOPE: Scope = {
  dataCategories: ['names', 'account numbers'],
  specialCategories: [],
  dataSubjectsApprox: 4500,
  recordsApprox: 9000,
  affectedSystems: ['core banking'],
  countries: ['DE', 'US'],
  affected: [
    { area: 'DE', count: 1200 },
    { area: 'US-CA', count: 600 },
    { area: 'US-TX', count: 300 },
    { area: 'US-FL', count: 700 },
    { area: 'US-WA', count: 800 },
    { area: 'US-NY', count: 900 },
  ],
  encrypted: false,
  unintelligible: false,
};
const actor = { keyId: null, name: 'DPO', role: 'dpo' as const };

function incident(): IncidentState {
  const state = new IncidentState('6f1c2a7e-1111-4c1d-9a7b-0000000000aa');
  state.openingClocks({ incident: { title: 'Core banking exfiltration', detectedAt: AWARE, awareAt: AWARE }, actor }, CONTEXT, NOW);
  state.open('BR-2026-0042');
  state.setScope(state.nextScopeVersion(), SCOPE, NOW);
  state.recordTrigger({ event: 'incident-determination', occurredAt: '2026-03-02T20:00:00.000Z', reason: 'CISO determined a cybersecurity incident' }, NOW);
  state.recordTrigger({ event: 'breach-determination', occurredAt: '2026-03-03T15:00:00.000Z', reason: 'Counsel determined a breach of system security' }, NOW);
  return state;
}

const dueTimes = (state: IncidentState) =>
  Object.fromEntries(state.snapshot().deadlines.map((d) => [`${d.regime}/${d.obligation}`, d.dueAt]));

describe('an incident touching GDPR, NYDFS and five US states', () => {
  it('carries every clock that binds, each due when its law says', () => {
    expect(dueTimes(incident())).toEqual({
      // Art. 33(1): 72 h elapsed from awareness.
      'GDPR/notify-supervisory-authority': '2026-03-05T09:00:00Z',
      // 500.17(a): 72 h from the determination on 2 Mar 20:00Z.
      'NYDFS/notify-superintendent': '2026-03-05T20:00:00Z',
      // 500.17(c): wait for an extortion payment.
      'NYDFS/notify-extortion-payment': null,
      'NYDFS/describe-extortion-payment': null,
      // Discovery 2 Mar 01:00 PST is day 0; day 30 = 1 Apr, ends 2 Apr 00:00 PDT (DST from 8 Mar) = 07:00Z.
      'US-CA/notify-residents': '2026-04-02T07:00:00Z',
      // 1798.82(f): 15 days after the residents' notice, which is not sent yet (600 > 500 Californians).
      'US-CA/notify-attorney-general': null,
      // Determination 3 Mar 09:00 CST is day 0; day 60 = 2 May, ends 3 May 00:00 CDT = 05:00Z.
      'US-TX/notify-individuals': '2026-05-03T05:00:00Z',
      // 300 Texans ≥ 250: day 30 = 2 Apr, ends 3 Apr 00:00 CDT = 05:00Z.
      'US-TX/notify-attorney-general': '2026-04-03T05:00:00Z',
      // Determination 3 Mar 10:00 EST is day 0; day 30 = 2 Apr, ends 3 Apr 00:00 EDT = 04:00Z; 700 Floridians ≥ 500 for the AG.
      'US-FL/notify-residents': '2026-04-03T04:00:00Z',
      'US-FL/notify-attorney-general': '2026-04-03T04:00:00Z',
      // Discovery 2 Mar 04:00 EST is day 0; day 30 = 1 Apr, ends 2 Apr 00:00 EDT = 04:00Z.
      'US-NY/notify-residents': '2026-04-02T04:00:00Z',
      // As California (same zone), and 800 Washingtonians > 500 for the AG.
      'US-WA/notify-residents': '2026-04-02T07:00:00Z',
      'US-WA/notify-attorney-general': '2026-04-02T07:00:00Z',
    });
  });

  it('starts the California Attorney General clock when the residents are notified: 15 calendar days in Los Angeles', () => {
    const state = incident();
    state.meetObligation({ regime: 'US-CA', obligation: 'notify-residents', metAt: '2026-03-20T18:00:00.000Z' }, NOW);
    // Sent 20 Mar 11:00 PDT, day 0; day 15 = 4 Apr, ends 5 Apr 00:00 PDT = 07:00Z.
    expect(dueTimes(state)['US-CA/notify-attorney-general']).toBe('2026-04-05T07:00:00Z');
  });

  it('leaves out the thresholds not reached: 400 Californians get no Attorney General clock', () => {
    const state = incident();
    state.setScope(state.nextScopeVersion(), { ...SCOPE, affected: SCOPE.affected.map((a) => (a.area === 'US-CA' ? { ...a, count: 400 } : a)) }, NOW);
    // Clocks already opened stay (the DPO waives them with a reason); a fresh incident never opens it.
    const fresh = new IncidentState('6f1c2a7e-1111-4c1d-9a7b-0000000000ab');
    fresh.openingClocks({ incident: { title: 'Core banking exfiltration', detectedAt: AWARE, awareAt: AWARE }, actor }, CONTEXT, NOW);
    fresh.setScope(fresh.nextScopeVersion(), { ...SCOPE, affected: SCOPE.affected.map((a) => (a.area === 'US-CA' ? { ...a, count: 400 } : a)) }, NOW);
    expect(Object.keys(dueTimes(fresh))).not.toContain('US-CA/notify-attorney-general');
    expect(Object.keys(dueTimes(fresh))).toContain('US-CA/notify-residents');
    expect(Object.keys(dueTimes(state))).toContain('US-CA/notify-attorney-general');
  });
});
