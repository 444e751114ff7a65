import { z } from "zod";
import { parseRateLimit } from "../security/rate-limit";
import { parseTrustedProxies } from "../security/client-address";

/** The public registries users build on; loopback ones are allowed only when listed. */
export const DEFAULT_ALLOWED_REGISTRIES = [
  "docker.io",
  "ghcr.io",
  "gcr.io",
  "quay.io",
  "mcr.microsoft.com",
  "public.ecr.aws",
  "registry.access.redhat.com",
  "cgr.dev",
  "registry.k8s.io",
];

const list = (fallback: string[]) =>
  z
    .string()
    .optional()
    .transform((v) =>
      v === undefined
        ? fallback
        : v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
    );

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^file:/, "must be a SQLite file URL such as file:./data/basescope.db")
    .default("file:./data/basescope.db"),
  DOCKER_HOST: z.string().optional(),
  ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  ALLOWED_REGISTRIES: list(DEFAULT_ALLOWED_REGISTRIES),
  INSECURE_REGISTRIES: list([]),
  WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(16).default(2),
  /** "0" disables the worker inside the web server (run `npm run worker` separately). */
  EMBEDDED_WORKER: z.enum(["0", "1"]).default("1"),
  /** A running analysis whose worker has not been heard from for this long is taken up again. */
  WORKER_STALE_AFTER_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Requests rendered at once by `npm start`'s server (read there; validated here with the rest). */
  MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(1024).default(8),
  CACHE_DIR: z.string().default("./data/cache"),
  MAX_IMAGE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 ** 3),
  /** Reverse proxies whose X-Forwarded-For names the client (addresses or CIDR ranges, comma-separated). */
  TRUSTED_PROXIES: list([]).transform((entries, ctx) => {
    try {
      return parseTrustedProxies(entries);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
      return z.NEVER;
    }
  }),
  /** Images one client may add: a burst of this many, earned back over the window ("0": no limit). */
  ADD_RATE_LIMIT: z
    .string()
    .default("30/10m")
    .transform((v, ctx) => {
      try {
        return parseRateLimit(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    }),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Validates the environment once; a bad value stops start-up with a message naming the variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(
      `Invalid configuration:\n${lines.join("\n")}\nSee .env.example for every variable and its default.`,
    );
  }
  cached = parsed.data;
  return cached;
}
