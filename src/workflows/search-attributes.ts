// Custom search attributes of incident workflows, so `temporal workflow list --query …` finds incidents.
import { defineSearchAttributeKey } from '@temporalio/common';

/** The incident's lifecycle stage. */
export const IncidentStageKey = defineSearchAttributeKey('IncidentStage', 'KEYWORD');
/** The soonest due instant among its running clocks. */
export const NextDueAtKey = defineSearchAttributeKey('NextDueAt', 'DATETIME');
/** Whether any clock is overdue. */
export const OverdueKey = defineSearchAttributeKey('Overdue', 'BOOL');
/** The band of the latest risk assessment. */
export const SeverityBandKey = defineSearchAttributeKey('SeverityBand', 'KEYWORD');

/** Every custom attribute with its type, for registering them on a namespace (`temporal server start-dev --search-attribute`). */
export const INCIDENT_SEARCH_ATTRIBUTES = [IncidentStageKey, NextDueAtKey, OverdueKey, SeverityBandKey] as const;
