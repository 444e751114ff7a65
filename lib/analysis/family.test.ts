import { describe, expect, it } from "vitest";
import { familyOf, labelsOf } from "./family";

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
