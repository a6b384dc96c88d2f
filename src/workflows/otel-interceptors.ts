// The workflow interceptors that continue a trace inside the sandbox: a span for each run, Update, Signal and Query
// handler, and the trace context passed on to each activity scheduled. Bundled only while tracing runs (src/tracing.ts).
export { interceptors } from '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors';
