import http from "node:http";
import { expect, test } from "@playwright/test";
import { fixtureImages } from "./support";
import { ServerProcess } from "./server-process";

test("a server killed mid-run takes the run up again after a restart, and nothing half-saved shows", async () => {
  const server = new ServerProcess(3118, "/tmp/basescope-e2e-restart", { WORKER_STALE_AFTER_MS: "4000" });
  server.reset();
  await server.start();
  try {
    const reference = fixtureImages()["debian-minbase"];
    const add = await fetch(`${server.url}/api/images`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reference }),
    });
    expect(add.status).toBe(202);
    const { runId, imageId } = await add.json();

    // Wait until the analysis is under way, then kill the server outright.
    for (let i = 0; ; i++) {
      const run = await (await fetch(`${server.url}/api/runs/${runId}`)).json();
      if (run.status === "running") break;
      expect(i).toBeLessThan(200);
      await new Promise((r) => setTimeout(r, 50));
    }
    await server.kill();

    await server.start();
    const listed = (await (await fetch(`${server.url}/api/images`)).json()).items as { id: string }[];
    expect(listed.find((i) => i.id === imageId)).toBeUndefined();

    let run: { status: string; attempts: number; error: unknown } = { status: "", attempts: 0, error: null };
    for (const deadline = Date.now() + 90_000; Date.now() < deadline;) {
      run = await (await fetch(`${server.url}/api/runs/${runId}`)).json();
      if (run.status === "succeeded" || run.status === "failed") break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBe(2);
    const detail = await (await fetch(`${server.url}/api/images/${imageId}`)).json();
    expect(detail.runs).toHaveLength(1);
    expect(detail.result.layerCount).toBe(detail.result.layers.length);
  } finally {
    await server.stop();
  }
});

test("with ADMIN_TOKEN set, writes need the token and reads do not", async () => {
  const token = "a-test-admin-token-0123456789";
  const server = new ServerProcess(3119, "/tmp/basescope-e2e-token", {
    ADMIN_TOKEN: token,
    EMBEDDED_WORKER: "0",
  });
  server.reset();
  await server.start();
  try {
    const body = JSON.stringify({ reference: fixtureImages()["apk"] });
    const headers = { "content-type": "application/json" };
    expect((await fetch(`${server.url}/api/images`, { method: "POST", headers, body })).status).toBe(401);
    const wrong = await fetch(`${server.url}/api/images`, {
      method: "POST",
      headers: { ...headers, authorization: "Bearer wrong-token-wrong-token" },
      body,
    });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(await wrong.json())).not.toContain(token);
    const ok = await fetch(`${server.url}/api/images`, {
      method: "POST",
      headers: { ...headers, authorization: `Bearer ${token}` },
      body,
    });
    expect(ok.status).toBe(202);
    expect((await fetch(`${server.url}/api/images`)).status).toBe(200);
  } finally {
    await server.stop();
  }
});

test("without ADMIN_TOKEN, a proxy on this machine does not make its visitors local", async () => {
  // 127.0.0.2 plays a reverse proxy the operator listed; 127.0.0.1 one that was not listed.
  const server = new ServerProcess(3121, "/tmp/basescope-e2e-proxy", {
    EMBEDDED_WORKER: "0",
    TRUSTED_PROXIES: "127.0.0.2",
  });
  server.reset();
  await server.start();
  const post = (from: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        `${server.url}/api/images`,
        { method: "POST", localAddress: from, headers: { "content-type": "application/json", ...headers } },
        (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify({ reference: fixtureImages()["apk"] }));
    });
  try {
    expect((await post("127.0.0.1")).status).toBe(202);
    const unlisted = await post("127.0.0.1", { "x-forwarded-for": "203.0.113.9" });
    expect(unlisted.status).toBe(401);
    expect(unlisted.body).toContain("came through a proxy");
    // The listed proxy forwards a visitor from elsewhere, then one on this machine (which claimed, in vain,
    // to be forwarding for 203.0.113.9: the proxy appends the address it saw).
    expect((await post("127.0.0.2", { "x-forwarded-for": "203.0.113.9" })).status).toBe(401);
    expect((await post("127.0.0.2", { "x-forwarded-for": "203.0.113.9, 127.0.0.1" })).status).toBe(202);
  } finally {
    await server.stop();
  }
});

test("the overview is rendered once per data version: replayed while nothing changes, fresh when it does", async () => {
  const server = new ServerProcess(3122, "/tmp/basescope-e2e-page-cache");
  server.reset();
  await server.start();
  const overview = async () => {
    const res = await fetch(`${server.url}/`);
    return { cache: res.headers.get("x-basescope-cache"), html: await res.text() };
  };
  try {
    const reference = fixtureImages()["apk"];
    const first = await overview();
    expect(first.html).toContain("No images benchmarked yet");
    expect((await overview()).cache).toBe("hit");

    const add = await fetch(`${server.url}/api/images`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reference }),
    });
    const { runId, imageId } = await add.json();
    for (let status = ""; status !== "succeeded";) {
      status = (await (await fetch(`${server.url}/api/runs/${runId}`)).json()).status;
      expect(["queued", "running", "succeeded"]).toContain(status);
      await new Promise((r) => setTimeout(r, 200));
    }
    // The new result shows on the very next read (streamed as it renders), and is then replayed byte for byte.
    const fresh = await overview();
    expect(fresh.cache).toBe("miss");
    expect(fresh.html).toContain(reference.split("/").pop());
    const again = await overview();
    expect(again).toEqual({ cache: "hit", html: fresh.html });
    // A gzip-accepting client gets the same page, compressed.
    const gz = await fetch(`${server.url}/`, { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(await gz.text()).toBe(fresh.html);

    expect((await fetch(`${server.url}/api/images/${imageId}`, { method: "DELETE" })).ok).toBe(true);
    // The read that finds the change gets the render streamed, compressed when it asks for it.
    const emptied = await fetch(`${server.url}/`, { headers: { "accept-encoding": "gzip" } });
    expect(emptied.headers.get("x-basescope-cache")).toBe("miss");
    expect(emptied.headers.get("content-encoding")).toBe("gzip");
    expect(await emptied.text()).toContain("No images benchmarked yet");
  } finally {
    await server.stop();
  }
});
