// Message definitions shared by the workflow and its callers (API, tests): the wire name is the const minus its suffix.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { IncidentLiveState, OpenIncidentRequest } from '../domain/incident';

/** The task queue incident workflows and their activities run on, unless TASK_QUEUE overrides it. */
export const DEFAULT_TASK_QUEUE = 'breach-response';

/** Opens the incident: persists it and starts its clocks. Idempotent: a second call returns the same state. */
export const openIncidentUpdate = defineUpdate<IncidentLiveState, [OpenIncidentRequest]>('openIncident');

/** The live state: stage, status, deadlines and escalations. */
export const incidentStateQuery = defineQuery<IncidentLiveState>('incidentState');
