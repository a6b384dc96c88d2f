import { escalationMessage } from '../../src/activities/escalation-message';
import type { DeliveryRow } from '../../src/db/deliveries-repository';

const delivery: DeliveryRow = {
  id: '5d0c3a2e-1b4f-4c55-9a3b-000000000001',
  escalation_id: '5d0c3a2e-1b4f-4c55-9a3b-000000000002',
  incident_id: '5d0c3a2e-1b4f-4c55-9a3b-000000000003',
  contact_id: '5d0c3a2e-1b4f-4c55-9a3b-000000000004',
  channel: 'email',
  target: 'dpo@example.test',
  status: 'pending',
  attempts: 0,
  contact_name: 'Dana Privacy',
  webhook_secret: null,
  reference: 'BR-2026-0042',
  title: 'Stolen laptop',
  regime: 'GDPR',
  obligation: 'notify-supervisory-authority',
  rung: 'overdue',
  kind: 'overdue',
  recipients: ['dpo', 'leadership'],
  due_at: new Date('2026-03-31T08:00:00Z'),
  raised_at: new Date('2026-03-31T08:00:01Z'),
};
const page = 'https://breach.example.com/incidents/5d0c3a2e-1b4f-4c55-9a3b-000000000003/escalations/5d0c3a2e-1b4f-4c55-9a3b-000000000002';

describe('escalationMessage', () => {
  it('links the email to the escalation’s page in the console and asks for no HTTP request by hand', () => {
    const { subject, text } = escalationMessage(delivery, 'https://breach.example.com');
    expect(subject).toBe('[BR-2026-0042] OVERDUE: GDPR notify-supervisory-authority');
    expect(text).toContain(`\n${page}`);
    expect(text).toMatch(/Open it in the console to acknowledge it \(which stops the repeats of this overdue notice\) or record the notice:/);
    expect(text).not.toMatch(/\bPOST\b|\/v1\/|curl/);
  });

  it('gives webhook receivers the console page and, for tools acting with a recipient’s key, the API’s acknowledge URL', () => {
    const { payload } = escalationMessage({ ...delivery, kind: 'reminder', rung: 'reminder-2' }, 'https://breach.example.com');
    expect(payload.type).toBe('deadline.reminder');
    expect(payload.data).toMatchObject({
      escalationUrl: page,
      acknowledgeUrl: 'https://breach.example.com/v1/incidents/5d0c3a2e-1b4f-4c55-9a3b-000000000003/escalations/5d0c3a2e-1b4f-4c55-9a3b-000000000002/acknowledge',
    });
  });
});
