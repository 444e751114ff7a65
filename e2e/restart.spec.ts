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
