import { describe, expect, it } from "vitest";
import type { LayerResult } from "@/lib/analysis/types";
import { summarizeCommand } from "./labels";
import { toLayerStack } from "./layer-stack";

function layer(index: number, uncompressedBytes: number, createdBy: string | null = null): LayerResult {
  return {
    index,
    digest: `sha256:${index}`,
    diffId: `sha256:d${index}`,
    mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
    compressedBytes: Math.round(uncompressedBytes / 3),
    uncompressedBytes,
    fileCount: 1,
    createdBy,
    created: null,
    packagesAdded: [],
    packagesRemoved: [],
  };
}

describe("toLayerStack", () => {
  it("keeps every layer in build order when there are few", () => {
    const layers = [layer(1, 500, "/bin/sh -c apt-get install -y curl"), layer(0, 1000, "ADD file:abc in /")];
    const { data, series } = toLayerStack(layers);
    expect(series.map((s) => s.key)).toEqual(["layer0", "layer1"]);
    expect(series[1].label).toBe("#2 RUN apt-get install -y curl");
    expect(data[1].values).toEqual({ layer0: 1000, layer1: 500 });
    expect(data[0].values.layer0).toBe(layers[1].compressedBytes);
  });

  it("merges the smallest layers past maxSegments and keeps the totals", () => {
    const layers = [5, 100, 3, 80, 1, 60].map((b, i) => layer(i, b));
    const { data, series } = toLayerStack(layers, { maxSegments: 4 });
    expect(series.map((s) => s.key)).toEqual(["layer1", "layer3", "layer5", "other"]);
    expect(series[3].label).toBe("3 smaller layers");
    const total = (v: Record<string, number>) => Object.values(v).reduce((s, x) => s + x, 0);
    expect(total(data[1].values)).toBe(layers.reduce((s, l) => s + l.uncompressedBytes, 0));
    expect(total(data[0].values)).toBe(layers.reduce((s, l) => s + l.compressedBytes, 0));
  });
});

describe("summarizeCommand", () => {
  it("turns history entries into Dockerfile-like text", () => {
    expect(summarizeCommand('/bin/sh -c #(nop)  CMD ["sh"]')).toBe('CMD ["sh"]');
    expect(summarizeCommand("|2 A=1 B=2 /bin/sh -c make install")).toBe("RUN make install");
    expect(summarizeCommand("RUN /bin/sh -c echo hi # buildkit")).toBe("RUN /bin/sh -c echo hi");
    expect(summarizeCommand(null)).toBe("(no history)");
    expect(summarizeCommand("x".repeat(100), 10)).toBe("xxxxxxxxx…");
  });
});
