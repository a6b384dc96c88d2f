// One Elastic Security detection alert, as a Kibana Webhook connector posts it: the alert document of a
// `.alerts-security.alerts-<space>` index (Elastic Security docs, "Alert schema"). Kibana writes the
// `kibana.alert.*` fields as flattened dotted keys while copied ECS fields (`host`, `user`, `source`…) stay
// nested objects, and a connector body template may nest or flatten either; the search API's `fields` option
// returns every value as an array. So the document is flattened to dotted keys before it is checked, and a
// one-element array is read as its value. Issue paths therefore name fields the Elastic way, e.g.
// `["kibana.alert.rule.name"]`.
import { z } from 'zod';
import {
  ALERT_LIMITS,
  AlertSeveritySchema,
  InstantSchema,
  alertTitle,
  assetList,
  clipText,
  observableList,
  utcInstant,
  type IntakeOptions,
  type NormalizedAlert,
} from './normalized-alert';

// Deeper nesting than this is left as it is: alert documents are shallow, and a hostile body must not exhaust the stack.
const MAX_FLATTEN_DEPTH = 32;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The object with nested objects flattened into dotted keys (`{ host: { name } }` → `{ "host.name" }`); arrays
 * and non-objects are kept as they are. When one path is spelled both ways, the shallower spelling wins.
 */
export function flattenDottedKeys(input: unknown): unknown {
  if (!isPlainObject(input)) return input;
  // A Map, not an object literal: keys such as "__proto__" must stay data.
  const found = new Map<string, { depth: number; value: unknown }>();
  const walk = (object: Record<string, unknown>, prefix: string, depth: number): void => {
    for (const [key, value] of Object.entries(object)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (isPlainObject(value) && depth < MAX_FLATTEN_DEPTH) {
        walk(value, path, depth + 1);
        continue;
      }
      const existing = found.get(path);
      if (existing === undefined || depth < existing.depth) found.set(path, { depth, value });
    }
  };
  walk(input, '', 0);
  return Object.fromEntries([...found].map(([path, { value }]) => [path, value]));
}

function one<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.array(schema).min(1)]).transform((value) => (Array.isArray(value) ? value[0] : value) as z.output<T>);
}

const optionalText = one(z.string()).nullish();
const texts = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((value) => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]));

/** An Elastic Security alert document after flattening: the fields we read are checked, the rest pass through. */
export const ElasticSecurityAlertDocumentSchema = z
  .looseObject({
    'kibana.alert.rule.name': one(z.string().trim().min(1)),
    'kibana.alert.severity': one(AlertSeveritySchema),
    'kibana.alert.original_time': one(InstantSchema).nullish(),
    '@timestamp': one(InstantSchema).nullish(),
    'kibana.alert.uuid': optionalText,
    'kibana.alert.group.id': optionalText,
    'kibana.alert.rule.uuid': optionalText,
    'kibana.alert.rule.rule_id': optionalText,
    'kibana.alert.reason': optionalText,
    'kibana.alert.rule.description': optionalText,
    'host.name': texts,
    'user.name': texts,
    'source.ip': texts,
    'destination.ip': texts,
    'url.full': texts,
    'dns.question.name': texts,
    'file.hash.sha256': texts,
  })
  .refine((alert) => alert['kibana.alert.original_time'] || alert['@timestamp'], {
    path: ['@timestamp'],
    message: 'Required: kibana.alert.original_time or @timestamp',
  });
export type ElasticSecurityAlert = z.infer<typeof ElasticSecurityAlertDocumentSchema>;

/** Body of an intake post in the `elastic-security` format: one alert document, flattened, nested or mixed. */
export const ElasticSecurityAlertSchema = z
  .preprocess(flattenDottedKeys, ElasticSecurityAlertDocumentSchema)
  .meta({ id: 'ElasticSecurityAlert' });

/**
 * The normalized alert of a parsed Elastic Security alert. Detection time is `kibana.alert.original_time`
 * (the source event's time) else `@timestamp` (when the alert was written). The correlation key is
 * `elastic-security:group:<kibana.alert.group.id>` when present (an EQL sequence's alerts share it), else
 * `elastic-security:<rule uuid, else rule_id, else rule name>[:<host.name>]`.
 */
export function fromElasticSecurity(payload: ElasticSecurityAlert, _options?: IntakeOptions): NormalizedAlert {
  const ruleName = payload['kibana.alert.rule.name'];
  const host = payload['host.name'].map((name) => name.trim()).find((name) => name !== '');
  const groupId = payload['kibana.alert.group.id']?.trim();
  const ruleKey = payload['kibana.alert.rule.uuid']?.trim() || payload['kibana.alert.rule.rule_id']?.trim() || ruleName;
  const key = groupId ? ['elastic-security', 'group', groupId] : ['elastic-security', ruleKey, ...(host ? [host] : [])];
  // The refinement guarantees one of the two; both were checked by InstantSchema.
  const time = payload['kibana.alert.original_time'] || payload['@timestamp'] || '';
  return {
    format: 'elastic-security',
    externalId: clipText(payload['kibana.alert.uuid'], ALERT_LIMITS.externalId),
    title: alertTitle([ruleName], 'Elastic Security alert'),
    severity: payload['kibana.alert.severity'],
    detectedAt: utcInstant(time) ?? time,
    correlationKey: clipText(key.join(':'), ALERT_LIMITS.correlationKey),
    assets: assetList(payload['host.name']),
    observables: observableList([
      ...payload['source.ip'].map((value) => ({ type: 'ip', value })),
      ...payload['destination.ip'].map((value) => ({ type: 'ip', value })),
      ...payload['user.name'].map((value) => ({ type: 'user', value })),
      ...payload['url.full'].map((value) => ({ type: 'url', value })),
      ...payload['dns.question.name'].map((value) => ({ type: 'domain', value })),
      ...payload['file.hash.sha256'].map((value) => ({ type: 'sha256', value })),
    ]),
    // Detection rules name behaviour, not the personal data involved; responders set the scope.
    dataCategoryHints: [],
    description: clipText(payload['kibana.alert.reason'] || payload['kibana.alert.rule.description'], ALERT_LIMITS.description),
  };
}
