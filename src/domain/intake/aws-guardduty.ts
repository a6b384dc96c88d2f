// Amazon GuardDuty findings as Amazon EventBridge delivers them (GuardDuty User Guide, "Processing GuardDuty
// findings with Amazon EventBridge"): an EventBridge envelope whose `detail` is one finding in the GetFindings
// response shape (GuardDuty API Reference, "Finding"). Only the fields read here are typed; the rest pass through.
import { z } from 'zod';
import {
  ALERT_LIMITS,
  InstantSchema,
  alertTitle,
  assetList,
  clipText,
  observableList,
  utcInstant,
  type AlertSeverity,
  type IntakeOptions,
  type NormalizedAlert,
} from './normalized-alert';

const optionalText = z.string().nullish();
const RemoteIpDetailsSchema = z.looseObject({ ipAddressV4: optionalText, ipAddressV6: optionalText }).nullish();

const GuardDutyResourceSchema = z.looseObject({
  resourceType: optionalText,
  instanceDetails: z.looseObject({ instanceId: optionalText }).nullish(),
  accessKeyDetails: z.looseObject({ accessKeyId: optionalText, userName: optionalText }).nullish(),
  s3BucketDetails: z.array(z.looseObject({ name: optionalText })).nullish(),
  eksClusterDetails: z.looseObject({ name: optionalText }).nullish(),
  ecsClusterDetails: z.looseObject({ name: optionalText }).nullish(),
  lambdaDetails: z.looseObject({ functionName: optionalText }).nullish(),
  rdsDbInstanceDetails: z.looseObject({ dbInstanceIdentifier: optionalText }).nullish(),
});

const GuardDutyActionSchema = z.looseObject({
  networkConnectionAction: z.looseObject({ remoteIpDetails: RemoteIpDetailsSchema }).nullish(),
  awsApiCallAction: z
    .looseObject({ remoteIpDetails: RemoteIpDetailsSchema, domainDetails: z.looseObject({ domain: optionalText }).nullish() })
    .nullish(),
  portProbeAction: z.looseObject({ portProbeDetails: z.array(z.looseObject({ remoteIpDetails: RemoteIpDetailsSchema })).nullish() }).nullish(),
  kubernetesApiCallAction: z.looseObject({ remoteIpDetails: RemoteIpDetailsSchema }).nullish(),
  dnsRequestAction: z.looseObject({ domain: optionalText }).nullish(),
});

/** One GuardDuty finding (the EventBridge `detail`): the fields we read are checked, others pass through. */
export const GuardDutyFindingSchema = z.looseObject({
  accountId: z.string().min(1),
  id: z.string().min(1),
  type: z.string().min(1),
  severity: z.number().min(0).max(10).describe('0.1–10.0; see guardDutySeverity for the bands'),
  createdAt: InstantSchema,
  title: optionalText,
  description: optionalText,
  resource: GuardDutyResourceSchema,
  service: z.looseObject({ eventFirstSeen: InstantSchema.nullish(), action: GuardDutyActionSchema.nullish() }).nullish(),
});
export type GuardDutyFinding = z.infer<typeof GuardDutyFindingSchema>;

/** Body of an intake post in the `aws-guardduty` format: a "GuardDuty Finding" EventBridge event. */
export const AwsGuardDutyEventSchema = z
  .looseObject({
    'detail-type': z.literal('GuardDuty Finding'),
    source: z.literal('aws.guardduty'),
    detail: GuardDutyFindingSchema,
  })
  .meta({ id: 'AwsGuardDutyFindingEvent' });
export type AwsGuardDutyEvent = z.infer<typeof AwsGuardDutyEventSchema>;

/**
 * Our severity for a GuardDuty severity value, by the bands of "Severity levels of GuardDuty findings":
 * Low 1.0–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0 (values below 1.0 count as low).
 */
export function guardDutySeverity(value: number): AlertSeverity {
  if (value >= 9) return 'critical';
  if (value >= 7) return 'high';
  if (value >= 4) return 'medium';
  return 'low';
}

function resourceAssets(resource: GuardDutyFinding['resource']): { assets: string[]; primary: string | null } {
  const instance = resource.instanceDetails?.instanceId;
  const buckets = (resource.s3BucketDetails ?? []).map((bucket) => bucket.name);
  const user = resource.accessKeyDetails?.userName;
  const assets = assetList([
    instance,
    ...buckets,
    resource.eksClusterDetails?.name,
    resource.ecsClusterDetails?.name,
    resource.lambdaDetails?.functionName,
    resource.rdsDbInstanceDetails?.dbInstanceIdentifier,
    user,
  ]);
  // A finding can describe several resources (the S3 sample has an instance, buckets and a user);
  // resourceType says which one the finding is about, so that one keys the correlation.
  const byType: Record<string, string | null | undefined> = { Instance: instance, S3Bucket: buckets[0], AccessKey: user };
  // Own keys only: a resourceType such as "__proto__" must not reach the object's prototype.
  const typed = resource.resourceType && Object.hasOwn(byType, resource.resourceType) ? byType[resource.resourceType]?.trim() : undefined;
  return { assets, primary: typed || assets[0] || null };
}

function remoteIps(details: z.infer<typeof RemoteIpDetailsSchema>): { type: string; value: string | null | undefined }[] {
  return [
    { type: 'ip', value: details?.ipAddressV4 },
    { type: 'ip', value: details?.ipAddressV6 },
  ];
}

function findingObservables(finding: GuardDutyFinding): ReturnType<typeof observableList> {
  const action = finding.service?.action;
  return observableList([
    ...remoteIps(action?.networkConnectionAction?.remoteIpDetails),
    ...remoteIps(action?.awsApiCallAction?.remoteIpDetails),
    ...(action?.portProbeAction?.portProbeDetails ?? []).flatMap((probe) => remoteIps(probe.remoteIpDetails)),
    ...remoteIps(action?.kubernetesApiCallAction?.remoteIpDetails),
    { type: 'domain', value: action?.dnsRequestAction?.domain },
    { type: 'domain', value: action?.awsApiCallAction?.domainDetails?.domain },
    { type: 'aws-access-key-id', value: finding.resource.accessKeyDetails?.accessKeyId },
  ]);
}

/**
 * The normalized alert of a parsed GuardDuty event. Detection time is `service.eventFirstSeen` (when the
 * activity was first seen) else `createdAt`; the correlation key is
 * `aws-guardduty:<accountId>:<finding type>[:<primary resource>]`, so repeat findings about one resource group.
 */
export function fromAwsGuardDuty(payload: AwsGuardDutyEvent, _options?: IntakeOptions): NormalizedAlert {
  const finding = payload.detail;
  const { assets, primary } = resourceAssets(finding.resource);
  const firstSeen = finding.service?.eventFirstSeen;
  return {
    format: 'aws-guardduty',
    // The finding id, not the EventBridge event id: GuardDuty re-sends updated occurrences under the same finding id.
    externalId: clipText(finding.id, ALERT_LIMITS.externalId),
    title: alertTitle([finding.title, finding.type], 'GuardDuty finding'),
    severity: guardDutySeverity(finding.severity),
    // Both were checked by InstantSchema, so the conversion cannot fail here.
    detectedAt: utcInstant(firstSeen ?? finding.createdAt) ?? finding.createdAt,
    correlationKey: clipText(['aws-guardduty', finding.accountId.trim(), finding.type.trim(), ...(primary ? [primary] : [])].join(':'), ALERT_LIMITS.correlationKey),
    assets,
    observables: findingObservables(finding),
    // GuardDuty says which resource, never which personal data; responders set the scope.
    dataCategoryHints: [],
    description: clipText(finding.description, ALERT_LIMITS.description),
  };
}
