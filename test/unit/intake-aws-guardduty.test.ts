// Fixtures test/fixtures/intake/aws-guardduty-*.json:
// - envelope: Amazon GuardDuty User Guide, "Processing GuardDuty findings with Amazon EventBridge", event schema
//   (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html); `time`, `account` and
//   `region` filled from the finding;
// - detail: GuardDuty-generated sample findings published by AWS in aws-samples/amazon-guardduty-automated-response-sample,
//   events/guardduty_s3_event.json (instance tags cut from nine to one) and events/guardduty_ec2_event.json, in the
//   shape of GuardDuty API Reference "Finding" / GetFindings response.
// Severity bands: GuardDuty User Guide, "Severity levels of GuardDuty findings"
// (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html): Low 1.0–3.9,
// Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsGuardDutyEventSchema, fromAwsGuardDuty, guardDutySeverity } from '../../src/domain/intake/aws-guardduty';
import { NormalizedAlertSchema } from '../../src/domain/intake/normalized-alert';

type Json = Record<string, any>;
const fixture = (name: string): Json => JSON.parse(readFileSync(join(__dirname, '../fixtures/intake', name), 'utf8'));
const options = { receivedAt: '2026-03-28T10:00:00Z' };

function normalize(payload: unknown) {
  return fromAwsGuardDuty(AwsGuardDutyEventSchema.parse(payload), options);
}

function issuePaths(payload: unknown) {
  return AwsGuardDutyEventSchema.safeParse(payload).error?.issues.map((issue) => issue.path);
}

function withDetail(patch: Json): Json {
  const event = fixture('aws-guardduty-ec2-finding.json');
  return { ...event, detail: { ...event.detail, ...patch } };
}

describe('fromAwsGuardDuty', () => {
  it('maps the S3 sample finding, keyed on the bucket its resourceType names', () => {
    expect(normalize(fixture('aws-guardduty-s3-finding.json'))).toEqual({
      format: 'aws-guardduty',
      externalId: '2cbf285e52a6e74ff96f4cb3cf93296d',
      title: 'API GeneratedFindingAPIName was invoked from a remote host potentially running Parrot Security Linux.',
      severity: 'medium',
      detectedAt: '2022-01-13T00:00:47Z',
      correlationKey: 'aws-guardduty:123456789012:PenTest:S3/ParrotLinux:bucketName',
      assets: ['i-99999999', 'bucketName', 'GeneratedFindingUserName'],
      observables: [
        { type: 'ip', value: '198.51.100.0' },
        { type: 'aws-access-key-id', value: 'GeneratedFindingAccessKeyId' },
      ],
      dataCategoryHints: [],
      description:
        'API GeneratedFindingAPIName was used to access S3 Bucket GeneratedFindingS3Bucket from a remote host with IP address 198.51.100.0 that is potentially running the Parrot Security Linux penetration testing tool.',
    });
  });

  it('maps the EC2 sample finding, keyed on the instance and observing the remote IP', () => {
    const alert = normalize(fixture('aws-guardduty-ec2-finding.json'));
    expect(alert).toMatchObject({
      externalId: '16afba5c5c43e07c9e3e5e2e544e95df',
      title: 'Canary:EC2/Stateless.IntegTest',
      severity: 'medium',
      detectedAt: '2017-10-31T23:16:23Z',
      correlationKey: 'aws-guardduty:123456789012:Canary:EC2/Stateless.IntegTest:i-05746eb48123455e0',
      assets: ['i-05746eb48123455e0'],
      observables: [{ type: 'ip', value: '0.0.0.0' }],
    });
    expect(NormalizedAlertSchema.safeParse(alert).success).toBe(true);
  });

  it('takes the detection time from eventFirstSeen rather than createdAt', () => {
    const alert = normalize(withDetail({ createdAt: '2024-05-01T12:00:00.000Z', service: { eventFirstSeen: '2024-05-01T11:58:30+00:00' } }));
    expect(alert.detectedAt).toBe('2024-05-01T11:58:30Z');
  });

  it('falls back to createdAt when the finding has no service block', () => {
    const alert = normalize(withDetail({ createdAt: '2024-05-01T12:00:00.250Z', service: undefined }));
    expect(alert.detectedAt).toBe('2024-05-01T12:00:00.250Z');
  });

  it('titles a finding without title by its type', () => {
    expect(normalize(withDetail({ title: undefined })).title).toBe('Canary:EC2/Stateless.IntegTest');
  });

  it('keys on the account and type alone when the resource names nothing', () => {
    const alert = normalize(withDetail({ resource: { resourceType: 'Instance' } }));
    expect([alert.correlationKey, alert.assets]).toEqual(['aws-guardduty:123456789012:Canary:EC2/Stateless.IntegTest', []]);
  });

  it('collects remote IPs of port probes and queried domains', () => {
    const alert = normalize(
      withDetail({
        service: {
          action: {
            portProbeAction: { portProbeDetails: [{ remoteIpDetails: { ipAddressV4: '203.0.113.9' } }, { remoteIpDetails: { ipAddressV6: '2001:db8::9' } }] },
            dnsRequestAction: { domain: 'guarddutyc2activityb.com' },
          },
        },
      }),
    );
    expect(alert.observables).toEqual([
      { type: 'ip', value: '203.0.113.9' },
      { type: 'ip', value: '2001:db8::9' },
      { type: 'domain', value: 'guarddutyc2activityb.com' },
    ]);
  });
});

describe('guardDutySeverity', () => {
  it.each([
    [0.1, 'low'],
    [1.0, 'low'],
    [3.9, 'low'],
    [3.95, 'low'],
    [4.0, 'medium'],
    [6.9, 'medium'],
    [7.0, 'high'],
    [8.9, 'high'],
    [9.0, 'critical'],
    [10.0, 'critical'],
  ])('maps %f to %s by the documented bands', (value, expected) => {
    expect(guardDutySeverity(value)).toBe(expected);
    expect(normalize(withDetail({ severity: value })).severity).toBe(expected);
  });
});

describe('AwsGuardDutyEventSchema', () => {
  it('accepts fields the documented shape does not list, at every level', () => {
    const event = fixture('aws-guardduty-s3-finding.json');
    const extended = {
      ...event,
      'replay-name': 'x',
      detail: { ...event.detail, associatedAttackSequenceArn: 'arn:aws:guardduty:…', resource: { ...event.detail.resource, newDetails: { a: 1 } } },
    };
    expect(AwsGuardDutyEventSchema.safeParse(extended).success).toBe(true);
  });

  it('names a missing finding type in the issue path', () => {
    const event = fixture('aws-guardduty-ec2-finding.json');
    delete event.detail.type;
    expect(issuePaths(event)).toEqual([['detail', 'type']]);
  });

  it('refuses a severity above 10 and a createdAt without offset', () => {
    expect(issuePaths(withDetail({ severity: 10.5, createdAt: '2024-05-01T12:00:00' }))).toEqual([
      ['detail', 'severity'],
      ['detail', 'createdAt'],
    ]);
  });

  it('refuses events that are not GuardDuty findings', () => {
    const event = { ...fixture('aws-guardduty-ec2-finding.json'), 'detail-type': 'GuardDuty Runtime Protection Healthy' };
    expect(issuePaths(event)).toEqual([['detail-type']]);
  });

  it('refuses a finding without its resource', () => {
    expect(issuePaths(withDetail({ resource: undefined }))).toEqual([['detail', 'resource']]);
  });
});
