import type { ReactNode } from 'react';

/** Tones of a status chip: red, amber, green, blue and grey, always with words, never colour alone. */
export type Tone = 'danger' | 'warning' | 'success' | 'info' | 'neutral';

/** A small labelled status badge; its icon is drawn by CSS (decoration only), the text carries the meaning. */
export function StatusChip({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`chip chip-${tone}`}>{children}</span>;
}

/** Chip of a clock's status. */
export function DeadlineStatusChip({ status }: { status: string }) {
  switch (status) {
    case 'overdue':
      return <StatusChip tone="danger">Overdue</StatusChip>;
    case 'pending':
      return <StatusChip tone="warning">Pending</StatusChip>;
    case 'met':
      return <StatusChip tone="success">Met</StatusChip>;
    case 'waived':
      return <StatusChip tone="neutral">Waived</StatusChip>;
    case 'awaiting-trigger':
      return <StatusChip tone="info">Awaiting trigger</StatusChip>;
    default:
      return <StatusChip tone="neutral">{status}</StatusChip>;
  }
}

/** Chip of an incident's status. */
export function IncidentStatusChip({ status }: { status: string }) {
  return status === 'open' ? <StatusChip tone="info">Open</StatusChip> : <StatusChip tone="neutral">Closed</StatusChip>;
}
