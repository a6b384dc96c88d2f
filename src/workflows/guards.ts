// Cheap checks of an update's argument in the workflow's validators. The API parses every input with the
// domain's zod schemas (src/domain/write-inputs.ts) before it sends an update; evaluating those schemas in
// every workflow cost ~16 ms of CPU and most of a cached workflow's memory. What arrives here is checked for
// the shape the workflow's own rules read (test/unit/workflow-guards.test.ts holds the guards to the schemas).
import type { Actor, OpenIncidentRequest, WriteRequest } from '../domain/incident';

/** A malformed update argument: the validator refuses the update and nothing is recorded. */
export class MalformedUpdateError extends Error {
  override name = 'MalformedUpdateError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(what: string): never {
  throw new MalformedUpdateError(`Malformed update argument: ${what}`);
}

/** Who made a change: the fields the audit trail records. */
export function assertActor(actor: unknown): asserts actor is Actor {
  if (!isRecord(actor)) fail('actor is not an object');
  if (actor.keyId !== null && typeof actor.keyId !== 'string') fail('actor.keyId');
  if (typeof actor.name !== 'string') fail('actor.name');
  if (typeof actor.role !== 'string') fail('actor.role');
  if (actor.subject !== undefined && typeof actor.subject !== 'string') fail('actor.subject');
}

/** A write: an object input (parsed by the API) and its actor. */
export function assertWriteRequest<I>(request: unknown): asserts request is WriteRequest<I> {
  if (!isRecord(request)) fail('not an object');
  if (!isRecord(request.input)) fail('input is not an object');
  assertActor(request.actor);
}

function isInstant(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/** The opening: the title and the instants its clocks start from. */
export function assertOpenRequest(request: unknown): asserts request is OpenIncidentRequest {
  if (!isRecord(request) || !isRecord(request.incident)) fail('incident is not an object');
  const { incident } = request;
  if (typeof incident.title !== 'string') fail('incident.title');
  if (!isInstant(incident.detectedAt)) fail('incident.detectedAt');
  if (incident.awareAt !== undefined && !isInstant(incident.awareAt)) fail('incident.awareAt');
  assertActor(request.actor);
}
