import { describe, expect, it } from "vitest";
import { dockerConnection } from "./docker-host";

describe("dockerConnection", () => {
  it("reads unix sockets and keeps a tcp DOCKER_HOST from winning over them", () => {
    expect(dockerConnection("unix:///tmp/x.sock")).toEqual({
      options: { socketPath: "/tmp/x.sock", host: undefined },
      label: "unix:///tmp/x.sock",
    });
    expect(dockerConnection("unix://").options.socketPath).toBe("/var/run/docker.sock");
  });

  it("reads tcp, https and ssh addresses", () => {
    expect(dockerConnection("tcp://10.0.0.5:2375").options).toMatchObject({
      host: "10.0.0.5",
      port: 2375,
      protocol: "http",
    });
    expect(dockerConnection("tcp://h:2376").options).toMatchObject({ protocol: "https" });
    expect(dockerConnection("https://h").options).toMatchObject({ host: "h", protocol: "https" });
    expect(dockerConnection("ssh://me@h").options).toMatchObject({
      host: "h",
      port: 22,
      protocol: "ssh",
      username: "me",
    });
    expect(dockerConnection("localhost:1234").options).toMatchObject({ host: "localhost", port: 1234 });
  });

  it("rejects what it cannot connect to", () => {
    expect(() => dockerConnection("ftp://h")).toThrow(/unsupported scheme/);
    expect(() => dockerConnection("tcp://[bad")).toThrow(/not a valid address/);
  });
});
