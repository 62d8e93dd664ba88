# syntax=docker/dockerfile:1
# video-chatops in a container: the TypeScript is compiled in a build stage and the runtime stage
# runs the compiled JavaScript (dist/) as the unprivileged `node` user, with its SQLite data (or
# nothing, with Postgres) in a volume. Commands: docs/DEPLOYMENT.md. Without a Docker engine, CI runs
# these same steps with .ci/docker-steps.mjs.

# --- build: every dependency (TypeScript), compile to dist/ ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Compiling TypeScript needs no native module, so install scripts are skipped here.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY adapters ./adapters
RUN npm run build

# --- runtime: production dependencies, the compiled code, the join page's assets and the docs ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 DATABASE_URL=sqlite:./data/video-chatops.db
WORKDIR /app
COPY package.json package-lock.json ./
# better-sqlite3 downloads its prebuilt binary for this platform here.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY src/join/public ./src/join/public
COPY README.md ./
COPY docs/DEPLOYMENT.md docs/SECURITY.md ./docs/
RUN mkdir -p data && chown node:node data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
