# Pendamping — production image, on Node 24 LTS (Node 20, used for development, reached its end of
# life on 2026-04-30). Multi-stage: production dependencies are installed in a build stage with the
# lockfile; only they, the sources, flows and locales reach the image. Node 24 runs the TypeScript
# sources itself (type stripping: the code uses only erasable syntax, `erasableSyntaxOnly` in
# tsconfig.json), so there is no compile step and no tsx at run time.

FROM node:24.22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24.22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# The app's files stay root's: the process (user node) can read them but never change them.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY src ./src
COPY flows ./flows
COPY locales ./locales
USER node
# Fail fast on broken flow files at build time, exactly as start-up would.
RUN node src/cli/flows-check.ts
# REDIS_URL is required in the image (no local redis-server inside); DATA_KEY too (production).
# Webhook mode listens on PORT; long polling serves /healthz (and the dashboard, DASHBOARD_URL) on HEALTH_PORT when set (the dashboard alone: PORT).
EXPOSE 8080
CMD ["node", "src/main.ts"]
