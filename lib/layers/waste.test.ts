import { describe, expect, it } from "vitest";
import type { LayerScan } from "../analysis/types";
import { createLayerScanner } from "./layer-scanner";
import { gzip, makeTar, recordingHooks, sha256, streamOf, type TarSpec } from "./test-support";
import { wasteFigures } from "./waste";

const scanLayer = createLayerScanner(recordingHooks().hooks);
const file = (name: string, size: number): TarSpec => ({ name, content: Buffer.alloc(size, 7) });
const dir = (name: string): TarSpec => ({ name, type: "directory" });
const marker = (name: string): TarSpec => ({ name, content: "" });

async function scanAll(layers: TarSpec[][]): Promise<LayerScan[]> {
  const out: LayerScan[] = [];
  for (const specs of layers) {
    const blob = gzip(await makeTar(specs));
    out.push(await scanLayer(streamOf(blob), { digest: sha256(blob) }));
  }
  return out;
}

describe("wasteFigures (dive's efficiency)", () => {
  it("matches figures computed by hand for a three-layer image", async () => {
    const scans = await scanAll([
      [
        dir("bin/"),
        file("bin/a", 100),
        file("bin/b", 200),
        dir("etc/"),
        file("etc/conf", 10),
        dir("data/"),
        file("data/x", 1000),
        file("data/y", 500),
        dir("empty/"),
      ],
      // bin/a rewritten (bin itself not listed), etc/conf deleted, /new added
      [file("bin/a", 150), marker("etc/.wh.conf"), file("new", 40)],
      // the data directory deleted, /new written again, an opaque marker dive ignores
      [marker(".wh.data"), file("new", 40), marker("empty/.wh..wh..opq")],
    ]);
    // Per path (cumulative C, minimum m, visits n) over each layer's leaves:
    //   /bin/a 250,100,2  /bin/b 200,200,1  /etc/conf 10,0,2  /data/x 1000,1000,1  /data/y 500,500,1
    //   /empty 0,0,2 (its parent reappears as a leaf next to the ignored marker)
    //   /data 1500,1500,1 (a directory whiteout weighs the subtree below it)  /new 80,40,2
    const sumC = 250 + 200 + 10 + 1000 + 500 + 0 + 1500 + 80;
    const sumM = 100 + 200 + 0 + 1000 + 500 + 0 + 1500 + 40;
    const w = wasteFigures(scans);
    expect(w.efficiency).toBeCloseTo(sumM / sumC, 12);
    expect(w.wastedBytes).toBe(250 + 10 + 0 + 80);
    expect(w.userSizeBytes).toBe(150 + 40 + 40);
    expect(w.userWastedPercent).toBeCloseTo(340 / 230, 12);
    expect(w.wastedPaths).toEqual([
      { path: "/bin/a", bytes: 250, occurrences: 2 },
      { path: "/new", bytes: 80, occurrences: 2 },
      { path: "/etc/conf", bytes: 10, occurrences: 2 },
      { path: "/empty", bytes: 0, occurrences: 2 },
    ]);
  });

  it("weighs a whiteout of a directory no layer listed as 0, as dive does", async () => {
    const scans = await scanAll([[file("opt/app/big", 700)], [marker("opt/.wh.app")]]);
    const w = wasteFigures(scans);
    expect(w.efficiency).toBe(1);
    expect(w.wastedBytes).toBe(0);
  });

  it("scores a single-layer image 1.0 with nothing wasted", async () => {
    const w = wasteFigures(await scanAll([[file("a", 10), file("b", 20)]]));
    expect(w).toEqual({
      efficiency: 1,
      wastedBytes: 0,
      userSizeBytes: 0,
      userWastedPercent: 0,
      wastedPaths: [],
    });
  });
});
