import { describe, expect, it } from "vitest";
import { absolutePath, compareHref, isRootUser, javaText, libcText, packagesText, userText } from "./facts";

describe("image facts", () => {
  it("reads the config User the way the runtime does", () => {
    for (const u of ["", "root", "0", "0:0", "root:root", " 0:1000 "]) expect(isRootUser(u)).toBe(true);
    for (const u of ["65532", "nonroot", "1000:1000", "app"]) expect(isRootUser(u)).toBe(false);
    expect(userText("")).toBe("root (default)");
  });

  it("describes libc, Java and packages in words", () => {
    expect(libcText({ kind: "musl", version: "1.2.5" })).toBe("musl 1.2.5");
    expect(libcText({ kind: "glibc", version: null })).toBe("glibc");
    expect(libcText({ kind: "none", version: null })).toBe("none");
    expect(javaText(null)).toBe("none");
    expect(
      javaText({
        version: "21.0.5",
        vendor: "Eclipse Adoptium",
        imageType: "JRE",
        home: "/opt/java",
        bytes: 1,
      }),
    ).toBe("Java 21.0.5 · JRE · Eclipse Adoptium");
    expect(packagesText({ packageCount: 92, packageManager: "dpkg" })).toBe("92 (dpkg)");
    expect(packagesText({ packageCount: 0, packageManager: null })).toBe("no package database");
  });

  it("encodes ids in the compare link", () => {
    expect(compareHref(["a", "b/c"])).toBe("/compare?ids=a,b%2Fc");
  });

  it("shows paths absolute with a single leading slash", () => {
    expect(absolutePath("/opt/java/bin/java")).toBe("/opt/java/bin/java");
    expect(absolutePath("usr/lib/libc.so.6")).toBe("/usr/lib/libc.so.6");
  });
});
