// The workflow bundle's entry: every workflow type the worker registers.
export { incidentWorkflow } from './incident-workflow';
export { alertCorrelationWorkflow } from './alert-correlation-workflow';
