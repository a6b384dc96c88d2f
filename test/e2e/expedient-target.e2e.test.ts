// A US state law without a fixed period ("in the most expedient time possible"): its clock shows the target the
// organisation sets itself, through the API, the workflow and PostgreSQL; scope counts per state decide which apply.
import { DateTime } from 'luxon';
import { stackEnv, call } from './http';

const admin = stackEnv.adminKey;

describe('a notice without a legal deadline', () => {
  it('gets a clock without a due instant that shows the organisation target, counted from discovery in the state zone', async () => {
    const profile = (await call('GET', '/v1/organisation', { key: admin })).body as Record<string, unknown>;
    const { updatedAt: _updatedAt, ...body } = profile;
    expect((await call('PUT', '/v1/organisation', { key: admin, json: { ...body, expedientTargetDays: 20 } })).body).toMatchObject({ expedientTargetDays: 20 });
    let id = '';
    const detectedAt = new Date(Date.now() - 3_600_000).toISOString();
    try {
      // The organisation context is read when the incident opens.
      const opened = await call('POST', '/v1/incidents', { key: admin, json: { title: 'Payroll export mailed to a wrong address', detectedAt } });
      expect(opened.status).toBe(201);
      id = (opened.body as { id: string }).id;
    } finally {
      await call('PUT', '/v1/organisation', { key: admin, json: body });
    }
    const scope = await call('POST', `/v1/incidents/${id}/scope`, {
      key: admin,
      json: {
        dataCategories: ['payroll records'],
        dataSubjectsApprox: 40,
        recordsApprox: 40,
        countries: ['US'],
        affected: [{ area: 'US-GA', count: 40 }],
        encrypted: false,
        unintelligible: false,
      },
    });
    expect(scope.status).toBe(201);
    const incident = (await call('GET', `/v1/incidents/${id}`, { key: admin })).body as { deadlines: Record<string, unknown>[] };
    const georgia = incident.deadlines.find((d) => d.regime === 'US-GA' && d.obligation === 'notify-residents');
    // Discovery is detection; its local date in Atlanta is day 0, and day 20 ends at the next local midnight.
    const target = DateTime.fromISO(detectedAt).setZone('America/New_York').startOf('day').plus({ days: 21 }).toUTC().toISO({ suppressMilliseconds: true });
    expect(georgia).toMatchObject({ status: 'pending', dueAt: null, startsAt: expect.any(String), targetAt: target });
    const versions = (await call('GET', `/v1/incidents/${id}/scope`, { key: admin })).body as { items?: { affected: unknown }[] } | { affected: unknown }[];
    const list = Array.isArray(versions) ? versions : (versions.items ?? []);
    expect(list.at(-1)?.affected).toEqual([{ area: 'US-GA', count: 40 }]);
  });
});
