import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../../src/config.js';

// What can be checked of the container setup without a Docker engine: the Dockerfile's shape (the
// same check .ci/docker-steps.mjs makes before CI runs its steps for real) and compose.yaml against
// the variables src/config.ts reads.

const root = new URL('../../', import.meta.url);

interface Service {
  build?: string;
  image?: string;
  depends_on?: Record<string, { condition?: string }>;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test?: string[] };
}

const compose = load(readFileSync(new URL('compose.yaml', root), 'utf8')) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};

describe('Dockerfile', () => {
  it('is multi-stage, installs with npm ci --omit=dev at runtime, runs as non-root with a /healthz HEALTHCHECK and a data volume', () => {
    const out = execFileSync(process.execPath, ['.ci/docker-steps.mjs', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out).toContain('Dockerfile shape:');
  });

  it('has a data VOLUME where compose mounts the bot-data volume', () => {
    const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
    const volume = /^VOLUME\s+\["([^"]+)"\]/m.exec(dockerfile)?.[1];
    expect(volume).toBeDefined();
    expect(compose.services.bot?.volumes).toContain(`bot-data:${volume}`);
  });
});

describe('compose.yaml', () => {
  const bot = compose.services.bot!;
  const pg = compose.services.postgres!;
  const env = bot.environment ?? {};

  it('runs the bot from this Dockerfile after a healthy Postgres', () => {
    expect(bot.build).toBe('.');
    expect(bot.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(pg.healthcheck?.test?.join(' ')).toContain('pg_isready');
  });

  it('gives the bot only variables src/config.ts reads', () => {
    const unknown = Object.keys(env).filter((k) => !(ENV_VARIABLES as string[]).includes(k));
    expect(unknown).toEqual([]);
  });

  it('points DATABASE_URL at the postgres service with its user, password and database', () => {
    const pgEnv = pg.environment ?? {};
    const url = new URL(env.DATABASE_URL!.replace(/\$\{POSTGRES_PASSWORD[^}]*\}/, 'PASSWORD'));
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('postgres');
    expect(url.username).toBe(pgEnv.POSTGRES_USER);
    expect(url.pathname).toBe(`/${pgEnv.POSTGRES_DB}`);
    expect(env.DATABASE_URL).toContain('${POSTGRES_PASSWORD');
    expect(pgEnv.POSTGRES_PASSWORD).toContain('${POSTGRES_PASSWORD');
  });

  it('requires the public URL and the callback signature secret, and keeps metrics off the published ports', () => {
    expect(env.PUBLIC_URL).toMatch(/^\$\{PUBLIC_URL:\?/);
    expect(env.VONAGE_SIGNATURE_SECRET).toMatch(/^\$\{VONAGE_SIGNATURE_SECRET:\?/);
    expect(env.METRICS_PORT).toBeDefined();
    expect(env.METRICS_TOKEN).toBeUndefined();
    const published = (bot.ports ?? []).map((p) => p.split(':').at(-1));
    expect(published).toContain(env.PORT);
    expect(published).not.toContain(env.METRICS_PORT);
  });
});

describe('the Kubernetes example in docs/DEPLOYMENT.md', () => {
  const doc = readFileSync(new URL('docs/DEPLOYMENT.md', root), 'utf8');
  const block = /## Kubernetes\s+```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
  const objects = loadAll(block) as Array<{ kind: string; spec: Record<string, unknown> }>;
  const byKind = (kind: string) => objects.find((o) => o.kind === kind)!;

  it('serves metrics on a separate port that neither the Service nor the Ingress exposes', () => {
    const deployment = byKind('Deployment') as unknown as {
      spec: {
        template: {
          metadata: { annotations: Record<string, string> };
          spec: {
            containers: Array<{
              env: Array<{ name: string; value: string }>;
              ports: Array<{ name: string; containerPort: number }>;
            }>;
          };
        };
      };
    };
    const container = deployment.spec.template.spec.containers[0]!;
    const metricsPort = container.env.find((e) => e.name === 'METRICS_PORT')?.value;
    expect(metricsPort).toBeDefined();
    expect(container.env.find((e) => e.name === 'PORT')?.value).not.toBe(metricsPort);
    expect(deployment.spec.template.metadata.annotations['prometheus.io/port']).toBe(metricsPort);
    const metricsName = container.ports.find((p) => String(p.containerPort) === metricsPort)?.name;
    const service = byKind('Service') as unknown as {
      spec: { ports: Array<{ targetPort: string | number }> };
    };
    const targets = service.spec.ports.map((p) => String(p.targetPort));
    expect(targets).not.toContain(metricsName);
    expect(targets).not.toContain(metricsPort);
    const ingress = JSON.stringify(byKind('Ingress'));
    expect(ingress).toContain('"name":"http"');
    expect(ingress).not.toContain(String(metricsName));
  });
});
