import { describe, expect, it } from "vitest";
import { familyOf, labelsOf, refineFamily } from "./family";

describe("familyOf", () => {
  it.each([
    ["docker.io/library/alpine:3.22", "alpine"],
    ["gcr.io/distroless/java21-debian12:nonroot", "distroless"],
    ["docker.io/library/ubuntu:24.04", "ubuntu"],
    ["docker.io/library/debian:bookworm-slim", "debian"],
    ["quay.io/centos/centos:stream9", "rhel"],
    ["registry.access.redhat.com/ubi9/ubi-minimal:9.5", "rhel"],
    ["docker.io/library/eclipse-temurin:21-jre-alpine", "temurin"],
    ["docker.io/library/amazoncorretto:21", "corretto"],
    ["docker.io/library/nginx:1", "other"],
  ])("%s is %s", (ref, family) => expect(familyOf(ref)).toBe(family));
});

describe("labelsOf", () => {
  it("labels Java runtimes and debug variants", () => {
    expect(labelsOf("docker.io/library/eclipse-temurin:21-jre")).toEqual(["java"]);
    expect(labelsOf("gcr.io/distroless/java21-debian12:debug")).toEqual(["java", "debug"]);
    expect(labelsOf("docker.io/library/alpine:3.22")).toEqual([]);
  });
});

describe("refineFamily", () => {
  const facts = { osId: "debian", shell: "/usr/bin/dash", packageManager: "apt", hasJava: false };
  it("keeps a family the name gave", () => {
    expect(refineFamily("ubuntu", [], { ...facts, osId: "ubuntu" })).toEqual({
      family: "ubuntu",
      labels: [],
    });
  });
  it("names an unnamed image by what it is", () => {
    expect(refineFamily("other", [], facts).family).toBe("debian");
    expect(refineFamily("other", [], { ...facts, shell: null, packageManager: null }).family).toBe(
      "distroless",
    );
    expect(refineFamily("other", [], { ...facts, osId: "rocky" }).family).toBe("rhel");
    expect(refineFamily("other", [], { ...facts, osId: "plan9" }).family).toBe("other");
  });
  it("labels images that carry a Java runtime", () => {
    expect(refineFamily("debian", [], { ...facts, hasJava: true }).labels).toEqual(["java"]);
    expect(refineFamily("temurin", ["java"], { ...facts, hasJava: true }).labels).toEqual(["java"]);
  });
});
