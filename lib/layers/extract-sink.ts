import type { Extract } from "tar-stream";

/**
 * Waits until tar-stream's extractor wants more data ("drain") or has parsed everything ("finish"),
 * rejecting when it errors or closes first, so a broken archive can never leave the scan waiting.
 */
export function waitForExtract(extract: Extract, event: "drain" | "finish"): Promise<void> {
  return new Promise((resolve, reject) => {
    if (extract.destroyed || extract.destroying) return reject(new Error("The tar parser stopped early."));
    const off = () => {
      extract.off(event, onEvent);
      extract.off("error", onError);
      extract.off("close", onClose);
    };
    const onEvent = () => {
      off();
      resolve();
    };
    const onError = (e: Error) => {
      off();
      reject(e);
    };
    const onClose = () => {
      off();
      reject(new Error("The tar parser stopped early."));
    };
    extract.on(event, onEvent);
    extract.on("error", onError);
    extract.on("close", onClose);
  });
}
