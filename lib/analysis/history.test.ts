import { describe, expect, it } from "vitest";
import { historyForLayers } from "./history";

describe("historyForLayers", () => {
  it("skips empty_layer entries when pairing history with layers", () => {
    const h = [
      { created_by: "ADD rootfs.tar /" },
      { created_by: 'CMD ["bash"]', empty_layer: true },
      { created_by: "RUN apt-get install -y curl" },
      { created_by: "ENV A=b", empty_layer: true },
    ];
    expect(historyForLayers(h, 2).map((e) => e?.created_by)).toEqual([
      "ADD rootfs.tar /",
      "RUN apt-get install -y curl",
    ]);
  });

  it("gives no entry instead of a wrong one when counts disagree", () => {
    expect(historyForLayers([{ created_by: "x" }], 2)).toEqual([null, null]);
    expect(historyForLayers(undefined, 1)).toEqual([null]);
  });
});
