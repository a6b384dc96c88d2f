// Entry point: runs incident workflows and their activities on the task queue until SIGINT/SIGTERM.
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from './activities';
import { loadConfigOrExit } from './config';
import { createPool } from './db/pool';
import { createLogger } from './logger';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL).child({ component: 'worker' });
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TASK_QUEUE,
      workflowsPath: require.resolve('./workflows'),
      activities: createActivities({ pool }),
    });
    logger.info({ taskQueue: config.TASK_QUEUE, address: config.TEMPORAL_ADDRESS }, 'worker started');
    // Worker.run() returns after SIGINT/SIGTERM once in-flight tasks have finished.
    await worker.run();
  } finally {
    await connection.close();
    await pool.end();
  }
  logger.info('worker stopped');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
