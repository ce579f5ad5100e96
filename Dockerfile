# One image for every Patuh process; the command picks the role.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY workers ./workers
COPY schemas ./schemas
COPY config ./config
COPY data ./data
COPY tsconfig.json ./
USER node
ENTRYPOINT ["node", "bin/patuh.mjs"]
CMD ["run"]
