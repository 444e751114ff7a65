import "server-only";
import Docker from "dockerode";
import { env } from "../config/env";

/** Whether a Docker engine answers within a second; the form offers the Docker source only then. */
export async function dockerAvailable(): Promise<boolean> {
  const host = env().DOCKER_HOST;
  const docker = host?.startsWith("unix://")
    ? new Docker({ socketPath: host.slice(7), timeout: 1000 })
    : new Docker({ timeout: 1000 });
  try {
    await docker.ping();
    return true;
  } catch {
    return false;
  }
}
