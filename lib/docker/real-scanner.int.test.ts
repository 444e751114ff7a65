import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScanLayer } from "../analysis/types";
import { scanLayer } from "../layers";
import { createDockerSource } from "./index";
import { buildImage, docker, type InspectInfo, uniqueTag } from "./test-helpers/images";
import { baseLayer, docLayer } from "./test-helpers/sample-layers";

const local = `basescope-test/real-scanner:${uniqueTag()}`;
let built: InspectInfo;

beforeAll(async () => {
  built = buildImage(local, [await baseLayer(51), await docLayer(52)]);
});

afterAll(() => {
  docker(["rmi", "-f", local]);
});

describe("createDockerSource with the real layer scanner", () => {
  it("feeds the export stream to lib/layers and gets the engine's figures back", async () => {
    const scan: ScanLayer = async (desc, open) => scanLayer(await open(), desc);
    const { scans } = await createDockerSource(local, { pull: "never" }).analyze(scan, {});
    expect(scans.map((s) => s.diffId)).toEqual(built.RootFS.Layers);
    expect(scans.reduce((n, s) => n + s.uncompressedBytes, 0)).toBe(built.Size);
    const paths = scans[0].entries.map((e) => `${e.kind}:${e.path}`);
    expect(paths).toEqual(
      expect.arrayContaining(["file:bin/tool", "symlink:bin/tool-link", "hardlink:bin/tool-hard"]),
    );
    expect(Buffer.from(scans[0].files["etc/os-release"] ?? "", "base64").toString()).toContain(
      "ID=basescope-test",
    );
  });
});
