# One image for the API (default), the worker and the migration job; see docker-compose.yml.
# There is no compile step: tsx runs the TypeScript sources, as in `make dev`.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/
# The image's npm 10 ignores package.json's allowScripts, so skip every install script: none is
# needed at runtime (prebuilt optional binaries) and one (@scarf/scarf) is telemetry.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
COPY web ./web
# Fail the build, not the container, on a type error.
RUN npx tsc --noEmit -p .
# The console: static files the API serves at /.
RUN npm run build -w web
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# Owned by root so the process cannot rewrite its own code; tsx caches under /tmp.
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/src ./src
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/web/dist ./web/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form, node as PID 1: SIGTERM reaches the process, which drains and exits.
# Worker: `node --import tsx src/worker.ts`. Migrations: `npm run migrate` (reads DATABASE_URL).
CMD ["node", "--import", "tsx", "src/server.ts"]
