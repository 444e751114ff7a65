import type { Progress } from "../analysis/types";
import { formatBytes } from "../format";

/** A progress bar on a TTY; one line per phase change otherwise (CI logs stay short). */
export function progressReporter(out: NodeJS.WriteStream): (p: Progress) => void {
  let lastPhase = "";
  let lastDraw = 0;
  return (p) => {
    if (!out.isTTY) {
      if (p.phase !== lastPhase) out.write(`${p.phase}...\n`);
      lastPhase = p.phase;
      return;
    }
    const now = Date.now();
    if (p.phase === lastPhase && now - lastDraw < 100 && p.fraction < 1) return;
    lastPhase = p.phase;
    lastDraw = now;
    const width = 30;
    const filled = Math.round(Math.max(0, Math.min(1, p.fraction)) * width);
    const bytes = p.bytesTotal ? ` ${formatBytes(p.bytesDone ?? 0)} / ${formatBytes(p.bytesTotal)}` : "";
    out.write(`\r${p.phase.padEnd(11)} [${"#".repeat(filled)}${" ".repeat(width - filled)}]${bytes}\x1b[K`);
    if (p.fraction >= 1) out.write("\n");
  };
}
