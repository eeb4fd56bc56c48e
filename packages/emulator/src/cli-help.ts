/** The one-line synopsis the CLI prints after an error. */
export const USAGE = `usage: aigw-emulator [--config file] [--port 8787] [--host 127.0.0.1] [--account id] [--gateway id ...] [--token tok]
                     [--auth] [--cache-ttl s] [--ids uuidv7|ulid] [--sse-padding n] [--cache-ttl-bounds clamp|reject|off]
                     [--auto-router-pool provider/model,...] [--custom-provider slug[=baseURL] ...] [--limit name=value ...]
       aigw-emulator --help`;

/** What `aigw-emulator --help` prints: every flag and the config file's format, with an example. */
export const HELP = `aigw-emulator: a local Cloudflare AI Gateway with simulated providers, for tests and offline work.

${USAGE}

It prints its base URL and log viewer URL, then one line per request; SIGINT or SIGTERM stops it.
Point a client at http://HOST:PORT/v1/ACCOUNT/GATEWAY (the gateway's universal endpoint), and at
the log viewer, http://HOST:PORT/_emulator/, in a browser.

Flags (each overrides the config file's value of the same meaning):
  -c, --config <file>          read settings from a config file (.json, or .mjs/.js with a default export)
  --port <n>                   TCP port, 0 picks a free one (default 8787)
  --host <address>             interface to listen on (default 127.0.0.1)
  --account <id>               account id in gateway paths (default emulator-account)
  --gateway <id>               a gateway that exists; repeat for more (default: the config's gateways,
                               else one gateway, emulator-gateway). A gateway the config file
                               defines keeps its settings from the file
  --token <token>              the valid cf-aig-authorization bearer token (default emulator-token)
  --auth                       every gateway requires the token (401/2009 without it)
  --cache-ttl <s>              every gateway's cache TTL in seconds (0 = caching off)
  --auto-router-pool <list>    every gateway's Auto Router pool (cloudflare/auto): provider/model,...
                               cheapest first
  --ids <uuidv7|ulid>          format of the log, event and request ids (default uuidv7)
  --sse-padding <n>            characters of "p" padding added to each SSE event, 0 to 4096 (default 0)
  --cache-ttl-bounds <mode>    a TTL outside 60 s to one month: clamp (default), reject (400) or off
  --custom-provider <slug>[=<baseURL>]
                               serve custom-<slug>, forwarded to baseURL when given; repeatable
  --limit <name>=<n>           a bound on the work of one simulated answer, repeatable: schemaNodes,
                               schemaRefs, schemaNesting, arrayItems, stringLength, generatedChars,
                               embeddingInputs, embeddingValues
  -h, --help                   print this help

Config file (--config emulator.config.json): a JSON object; every field is optional.
  port, host, accountId, token   as the flags above
  gateways          { "<id>": settings, ... } (default { "emulator-gateway": {} })
  ids               "uuidv7" | "ulid"
  ssePadding        0 to 4096
  cacheTtlBounds    "clamp" | "reject" | "off"
  onAllStepsFailed  "last-response" (default) | "gateway-error" (502/2005 when every step of a chain failed)
  otelSpans         record the gateway's spans of linked traces (default true)
  customProviders   { "<slug>": { "baseURL"?: "https://..." } }: only these custom-<slug> are served
  limits            { "<limit>": n }, the --limit names
  prices            { "<model or provider/model>": { "input": usd, "output": usd } } per million tokens
  logDelayMs        a streamed answer's log is readable this many ms after the stream ended
  recordLimit       how many calls and log entries are kept (default 10000)

Gateway settings (each gateway of "gateways"):
  authentication    true: require the token
  cacheTtl          cache TTL in seconds (0 = off)
  collectLog        false: store no log entries
  rateLimit         { "limit": n, "intervalMs": ms }: 429/2003 beyond
  byok              stored provider keys: { "openai": "key", "anthropic": { "default": "k1", "team-b": "k2" } }
  dynamicRoutes     { "<route>": ["provider/model", ...] }, tried in order (model "dynamic/<route>")
  policies          { "deny"?: [{ "<metadata key>": value }], "spendCaps"?: [{ "metadataKey"?: "user", "limit": usd }] }
  byokOnly          true: a request without a provider key or a stored key answers 400
  unifiedBilling    { "rateLimit"?: { "limit", "intervalMs" }, "retryAfter"?: s }: keyless requests to
                    openai, anthropic, google-ai-studio, google-vertex-ai, grok, groq, deepseek run on
                    Cloudflare's key
  guardrails        { "blockPrompt"?: [words], "blockResponse"?: [words], "scanner"?: "ok" | "no-credits" | "unavailable" }
  workersAiBusy     true or { "retryAfter"?: s }: rejectIfBusy Workers AI requests answer 429/3040
  autoRouter        { "pool": ["provider/model", ...], "fallbackModel"?: "...", "unavailable"?: [...] }

Example (the package ships a fuller one, examples/emulator.config.json):
  {
    "port": 8787,
    "gateways": {
      "my-gateway": {
        "authentication": true,
        "cacheTtl": 300,
        "byok": { "openai": "stored-openai-key" },
        "unifiedBilling": {},
        "dynamicRoutes": { "support": ["anthropic/claude-sonnet-4-5", "openai/gpt-5-mini"] },
        "rateLimit": { "limit": 100, "intervalMs": 60000 }
      }
    },
    "limits": { "arrayItems": 100000 }
  }

A bad config file or flag exits with status 1 and a message naming the file and the field.`;
