import type Docker from "dockerode";
import { BasescopeError } from "../errors";

export type DockerConnection = { options: Docker.DockerOptions; label: string };

const DEFAULT_SOCKET = "/var/run/docker.sock";

/**
 * Turns a DOCKER_HOST value (unix://, npipe://, tcp://, http(s)://, ssh://) into dockerode options.
 * `host` is always set explicitly because docker-modem merges our options over its own reading of
 * DOCKER_HOST, and a tcp host from the environment would otherwise win over a socket path given here.
 */
export function dockerConnection(dockerHost = process.env.DOCKER_HOST): DockerConnection {
  const value = dockerHost?.trim() || `unix://${DEFAULT_SOCKET}`;
  if (value.startsWith("unix://")) {
    const socketPath = value.slice("unix://".length) || DEFAULT_SOCKET;
    return { options: { socketPath, host: undefined }, label: `unix://${socketPath}` };
  }
  if (value.startsWith("npipe://")) {
    const socketPath = value.slice("npipe://".length) || "//./pipe/docker_engine";
    return { options: { socketPath, host: undefined }, label: value };
  }
  let url: URL;
  try {
    url = new URL(value.includes("://") ? value : `tcp://${value}`);
  } catch (e) {
    throw new BasescopeError(
      "InvalidInput",
      `DOCKER_HOST "${value}" is not a valid address (e.g. unix:///var/run/docker.sock or tcp://host:2375).`,
      { cause: e },
    );
  }
  const port = url.port || (url.protocol === "ssh:" ? "22" : "2375");
  const common = { host: url.hostname, port: Number(port), socketPath: undefined };
  if (url.protocol === "ssh:")
    return { options: { ...common, protocol: "ssh", username: url.username || undefined }, label: value };
  if (!["tcp:", "http:", "https:"].includes(url.protocol)) {
    throw new BasescopeError(
      "InvalidInput",
      `DOCKER_HOST "${value}" uses an unsupported scheme ${url.protocol}`,
    );
  }
  const tls = url.protocol === "https:" || port === "2376" || process.env.DOCKER_TLS_VERIFY === "1";
  return { options: { ...common, protocol: tls ? "https" : "http" }, label: value };
}
