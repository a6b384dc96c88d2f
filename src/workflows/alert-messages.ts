// Message definitions of the alert correlation workflow, shared with the worker's intake dispatcher.
import { defineSignal } from '@temporalio/workflow';

/** Hands a stored alert, by id, to its correlation group; a second signal of the same alert changes nothing. */
export const alertReceivedSignal = defineSignal<[{ alertId: string }]>('alertReceived');
