import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useOutletContext, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

/** The incident as `GET /v1/incidents/{id}` reads it: stored facts plus live stage, clocks and escalations. */
export type Incident = components['schemas']['IncidentRead'];
/** The case file's records and closure blockers (`GET …/case-file`). */
export type CaseFile = components['schemas']['CaseFile'];

/** Query keys of one incident; every read about it sits under ['incident', id] so a write refreshes them all. */
export const incidentKey = (id: string, ...rest: string[]) => ['incident', id, ...rest] as const;

/** The id in the page's URL. */
export function useIncidentId(): string {
  return useParams().id ?? '';
}

/** The incident, refreshed every 15 s and on focus so its clocks and stage stay current. */
export function useIncidentQuery(id: string) {
  return useQuery({
    queryKey: incidentKey(id),
    queryFn: () => unwrap(api.GET('/v1/incidents/{id}', { params: { path: { id } } })),
    refetchInterval: 15_000,
  });
}

/** The incident loaded by the incident page, for its sections. */
export function useIncident(): Incident {
  return useOutletContext<Incident>();
}

/** The case file: containment actions, findings, risk assessments, decisions, notices and closure blockers. */
export function useCaseFile(id: string) {
  return useQuery({
    queryKey: incidentKey(id, 'case-file'),
    queryFn: () => unwrap(api.GET('/v1/incidents/{id}/case-file', { params: { path: { id } } })),
  });
}

/** Refreshes everything shown about the incident after a write, and the lists it appears in. */
export function useRefreshIncident(id: string): () => void {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['incident', id] });
    void queryClient.invalidateQueries({ queryKey: ['incidents'] });
    void queryClient.invalidateQueries({ queryKey: ['deadlines'] });
    void queryClient.invalidateQueries({ queryKey: ['register'] });
  };
}

/** Headers of a write: the form's Idempotency-Key. */
export function idempotent(key: string) {
  return { 'Idempotency-Key': key };
}
