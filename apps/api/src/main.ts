import type { Server } from 'node:http';

import { createApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { parseEnv } from './config/env.js';
import { startWorkers } from './jobs/workers.js';
import { createLogger } from './logger.js';
import { seedDemo } from './tenants/demo.js';

const started = performance.now();

async function main(): Promise<void> {
  const env = parseEnv();
  const log = createLogger(env.LOG_LEVEL);
  const runtime = await bootstrap(env, log);
  const demoEnabled = process.env.DEMO === undefined ? env.NODE_ENV !== 'production' : env.DEMO;
  const demo = demoEnabled ? await seedDemo(runtime.deps) : null;
  const workers = await startWorkers(runtime.deps);
  const app = createApp(runtime.deps);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(env.PORT, env.HOST, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) => {
      void runtime.close();
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${env.PORT} on ${env.HOST} is already in use; set PORT to another port (e.g. PORT=3001 pnpm start).`,
            )
          : error,
      );
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}`;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);

  const lines = [
    `Gatehouse ready at ${url} in ${seconds}s (${runtime.embedded ? 'embedded PostgreSQL' : 'external PostgreSQL'})`,
  ];
  if (demo) {
    lines.push(
      '',
      'Demo tenant created. Sign in with these credentials (shown only this once):',
      `  email:    ${demo.email}`,
      `  password: ${demo.password}`,
      '',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close();
    server.closeAllConnections();
    await workers.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Gatehouse failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
