// OpenTelemetry traces: one trace follows a request from its HTTP span through the Temporal client call, the
// workflow's handler and the activity it schedules, down to the activity's SQL.
import type { ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';

export interface TracingOptions {
  /** `service.name` of every span this process exports. */
  serviceName: string;
  /** Where spans go instead of OTLP (tests); tracing starts even without OTEL_EXPORTER_OTLP_ENDPOINT. */
  exporter?: SpanExporter;
}

/** What the entry points pass to Temporal once tracing runs. */
export interface Tracing {
  /** For a Temporal Client: each call opens a span and carries its context to the workflow in headers. */
  clientInterceptors: WorkflowClientInterceptor[];
  /** For the workers: workflow spans (exported through a sink) and activity spans continue the caller's trace. */
  workerOptions: Pick<WorkerOptions, 'interceptors' | 'sinks'>;
  /** Exports the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

/** The workflow interceptors module, added to the bundle only while tracing runs. */
export const WORKFLOW_INTERCEPTORS_MODULE = require.resolve('./workflows/otel-interceptors');

/**
 * Starts the OpenTelemetry SDK with the http, express and pg instrumentations when OTEL_EXPORTER_OTLP_ENDPOINT is
 * set or an exporter is given; otherwise returns undefined having loaded nothing. Call it before express and pg are
 * first required, or they stay unpatched.
 */
export function startTracing(options: TracingOptions): Tracing | undefined {
  if (!options.exporter && !process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  // Required here, not imported at the top: with tracing off not one OpenTelemetry module is loaded.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { BatchSpanProcessor, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const temporalOtel = require('@temporalio/interceptors-opentelemetry') as typeof import('@temporalio/interceptors-opentelemetry');
  /* eslint-enable @typescript-eslint/no-require-imports */
  // The OTLP exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and the other OTEL_EXPORTER_OTLP_* variables) itself.
  const processor = options.exporter ? new SimpleSpanProcessor(options.exporter) : new BatchSpanProcessor(new OTLPTraceExporter());
  const resource = resourceFromAttributes({ 'service.name': options.serviceName });
  const sdk = new NodeSDK({
    resource,
    spanProcessors: [processor],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.url ?? '') }),
      new ExpressInstrumentation(),
      // Only SQL inside a traced request or activity: the periodic sweeps and scrapes would each start a trace.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return {
    clientInterceptors: [new temporalOtel.OpenTelemetryWorkflowClientInterceptor()],
    workerOptions: {
      interceptors: {
        workflowModules: [WORKFLOW_INTERCEPTORS_MODULE],
        activity: [(ctx) => ({ inbound: new temporalOtel.OpenTelemetryActivityInboundInterceptor(ctx), outbound: new temporalOtel.OpenTelemetryActivityOutboundInterceptor(ctx) })],
      },
      // The interceptors package is built on the 1.x SDK; its types name 1.x classes, the shapes are what it reads.
      sinks: { exporter: temporalOtel.makeWorkflowExporter(workflowSpanProcessor(processor) as never, resource) },
    },
    shutdown: () => sdk.shutdown(),
  };
}

/**
 * Workflow spans arrive from the sandbox in the 1.x SDK's shape (`parentSpanId`, `instrumentationLibrary`); the 2.x
 * processor and OTLP exporter read `parentSpanContext` and `instrumentationScope`, without which a workflow span
 * loses its parent and the exporter fails.
 */
function workflowSpanProcessor(processor: SpanProcessor): Pick<SpanProcessor, 'onEnd' | 'onStart' | 'forceFlush' | 'shutdown'> {
  return {
    onStart: () => undefined,
    onEnd(span) {
      const legacy = span as ReadableSpan & { parentSpanId?: string; instrumentationLibrary?: ReadableSpan['instrumentationScope'] };
      const context = span.spanContext();
      processor.onEnd({
        ...legacy,
        spanContext: () => context,
        parentSpanContext: legacy.parentSpanContext ?? (legacy.parentSpanId ? { traceId: context.traceId, spanId: legacy.parentSpanId, traceFlags: context.traceFlags } : undefined),
        instrumentationScope: legacy.instrumentationScope ?? legacy.instrumentationLibrary ?? { name: '@temporalio/interceptors-opentelemetry' },
      });
    },
    forceFlush: () => processor.forceFlush(),
    shutdown: () => processor.shutdown(),
  };
}
