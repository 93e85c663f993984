# Canary Judge service image: `docker build -t canary-judge .` at the repository root.
# Stage 1 compiles the service and writes its production file tree with the same script the production-install test
# uses (scripts/prod-tree.mjs), then installs production dependencies only (better-sqlite3 is compiled here).
# Stage 2 is Node 20 slim with that tree, run as the unprivileged `node` user. Configuration: environment variables
# (orca-stage-spec/docs/operator-guide.md); the SQLite file, when used, lives on the /data volume.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY orca-stage-spec/package.json orca-stage-spec/
COPY deck-plugin/package.json deck-plugin/
COPY cli/package.json cli/
# Build tools only (TypeScript's compiler): no install scripts needed in this step.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY scripts scripts
COPY shared shared
COPY orca-stage-spec orca-stage-spec
RUN node scripts/prod-tree.mjs /app
WORKDIR /app
RUN npm ci --omit=dev --workspace orca-stage-spec --include-workspace-root --no-audit --no-fund \
 && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8095 \
    CANARY_JUDGE_DB=/data/canary-judge.db
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8095
# Liveness of the process (not of the database: that is /readyz). Plain HTTP; behind TLS use the orchestrator's probe.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8095)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# main.js handles SIGTERM: stops taking work, finishes or releases its leases, exits 0 (orchestrators send SIGTERM).
STOPSIGNAL SIGTERM
CMD ["node", "orca-stage-spec/dist/main.js"]
