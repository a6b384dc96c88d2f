// Message definitions shared by the workflow and its callers (API, tests): the wire name is the const minus its suffix.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AuditHead } from '../domain/audit-head';
import type { UpdateDefinition } from '@temporalio/common';
import type { IncidentLiveState, OpenIncidentRequest, WriteRequest, WriteResult } from '../domain/incident';
import type { WriteInput, WriteUpdateName } from '../domain/write-inputs';

/** The task queue incident workflows and their activities run on, unless TASK_QUEUE overrides it. */
export const DEFAULT_TASK_QUEUE = 'breach-response';

/** Opens the incident: persists it and starts its clocks. Idempotent: a second call returns the same state. */
export const openIncidentUpdate = defineUpdate<IncidentLiveState, [OpenIncidentRequest]>('openIncident');

/** The live state: stage, tracks, decisions, deadlines and escalations. */
export const incidentStateQuery = defineQuery<IncidentLiveState>('incidentState');
/** The newest audit entry the workflow knows was appended (kept outside PostgreSQL: removing the newest rows shows). */
export const incidentAuditHeadQuery = defineQuery<AuditHead | null>('incidentAuditHead');

/** Every write update's name: each takes its input (src/domain/write-inputs.ts) plus the actor, and returns the id of what it created and the new live state. */
const WRITE_UPDATE_NAMES = [
  'recordContainmentAction',
  'setContainmentStatus',
  'recordFinding',
  'recordScope',
  'registerEvidence',
  'attachEvidenceContent',
  'recordCustodyEvent',
  'verifyEvidence',
  'recordRiskAssessment',
  'signOffRiskAssessment',
  'recordAuthorityDecision',
  'recordSubjectsDecision',
  'recordAuthorityNotice',
  'recordSubjectsNotice',
  'closeIncident',
  'recordTrigger',
  'setRegimes',
  'meetObligation',
  'waiveObligation',
  'acknowledgeEscalation',
  'assignOwner',
  'attachAlert',
] as const satisfies readonly WriteUpdateName[];

type WriteUpdates = { [N in WriteUpdateName]: UpdateDefinition<WriteResult, [WriteRequest<WriteInput<N>>]> };

/** The write updates by name. Only names and types: the API parses inputs, so the workflow bundle carries no schema. */
export const writeUpdates = Object.fromEntries(WRITE_UPDATE_NAMES.map((name) => [name, defineUpdate(name)])) as WriteUpdates;

export type { WriteInput, WriteUpdateName };

/** Failure type of a write PostgreSQL refused as data (a value it cannot store): the API answers 422. */
export const PERSISTENCE_REJECTED = 'PersistenceRejected';

/** ApplicationFailure types a rejected write carries, mapped by the API to 409, 404 and 422. */
export const RULE_FAILURE_TYPES = { conflict: 'IncidentConflict', 'not-found': 'IncidentNotFound', invalid: 'IncidentInvalid' } as const;
