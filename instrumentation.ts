/** Starts the embedded job worker when the Node.js server starts (not during the build, not on the edge). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startEmbeddedWorker } = await import("./lib/jobs/embedded");
  startEmbeddedWorker();
}
