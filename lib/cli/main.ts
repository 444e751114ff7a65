import { parseArgs } from "node:util";
import path from "node:path";
import { analyzeImage } from "../analysis/analyze";
import { dirLayerCache } from "../analysis/layer-cache";
import type { SourceKind } from "../analysis/types";
import { BasescopeError, exitCodeFor, toBasescopeError } from "../errors";
import { progressReporter } from "./progress";
import { summaryTable } from "./summary";

const USAGE = `usage: npm run --silent cli -- analyze <reference|archive.tar> [--platform os/arch[/variant]]
                                  [--source registry|docker|archive] [--json] [--no-cache]`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      platform: { type: "string" },
      source: { type: "string", default: "registry" },
      json: { type: "boolean", default: false },
      "no-cache": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, reference, ...extra] = positionals;
  if (command !== "analyze" || !reference || extra.length) throw new BasescopeError("InvalidInput", USAGE);
  if (!["registry", "docker", "archive"].includes(values.source)) {
    throw new BasescopeError(
      "InvalidInput",
      `--source must be registry, docker or archive, not "${values.source}".`,
    );
  }
  const cacheDir = process.env.CACHE_DIR ?? path.join(process.cwd(), "data", "cache");
  const result = await analyzeImage(
    { reference, source: values.source as SourceKind, platform: values.platform },
    {
      cache: values["no-cache"] ? undefined : dirLayerCache(path.join(cacheDir, "layers")),
      onProgress: progressReporter(process.stderr),
      insecureRegistries: (process.env.INSECURE_REGISTRIES ?? "").split(",").filter(Boolean),
      dockerHost: process.env.DOCKER_HOST,
    },
  );
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : summaryTable(result));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const err =
      e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS")
        ? new BasescopeError("InvalidInput", `${e.message}\n${USAGE}`)
        : toBasescopeError(e);
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(exitCodeFor(err.kind));
  },
);
