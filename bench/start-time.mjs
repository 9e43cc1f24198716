// Prints how long `node apps/api/dist/main.js` takes from spawn to "ready" with the embedded
// PostgreSQL: one cold start (initdb + migrations + demo seed) and several warm restarts.
// Usage: pnpm build && node bench/start-time.mjs [restarts]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const restarts = Number(process.argv[2] ?? 3);
const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));

function startOnce() {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.MASTER_KEY;
    const started = performance.now();
    const child = spawn(process.execPath, ['apps/api/dist/main.js'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d) => {
      out += d.toString();
      if (/ready at /.test(out)) {
        const wall = (performance.now() - started) / 1000;
        const reported = Number(/in ([\d.]+)s/.exec(out)?.[1]);
        child.once('exit', () => resolve({ wall, reported }));
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      if (!/ready at /.test(out)) reject(new Error(`exited ${code}:\n${out}`));
    });
  });
}

try {
  const cold = await startOnce();
  console.log(
    `cold start (initdb, migrations, demo seed): ${cold.wall.toFixed(2)} s wall, ${cold.reported.toFixed(2)} s in-process`,
  );
  const warm = [];
  for (let i = 0; i < restarts; i++) warm.push(await startOnce());
  const walls = warm.map((w) => w.wall).sort((a, b) => a - b);
  console.log(
    `warm restarts (n=${restarts}): median ${walls[Math.floor(walls.length / 2)].toFixed(2)} s wall, min ${walls[0].toFixed(2)} s, max ${walls.at(-1).toFixed(2)} s`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
