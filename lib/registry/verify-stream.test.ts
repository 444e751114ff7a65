import { createHash } from "node:crypto";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { BasescopeError } from "../errors";
import { verifiedBody } from "./verify-stream";

const payload = Buffer.from("hello layer bytes ".repeat(1000));
const digest = `sha256:${createHash("sha256").update(payload).digest("hex")}`;

function body(chunks: Buffer[], opts: { stallAfter?: number } = {}): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    async pull(controller) {
      if (opts.stallAfter !== undefined && i >= opts.stallAfter) return new Promise(() => undefined);
      if (i < chunks.length) controller.enqueue(new Uint8Array(chunks[i++]));
      else controller.close();
    },
  });
}

const split = (b: Buffer) => [b.subarray(0, 100), b.subarray(100, 5000), b.subarray(5000)];
const base = { registry: "r", what: "layer 1", idleTimeoutMs: 5000 };
const noAbort = () => undefined;

async function consume(stream: NodeJS.ReadableStream): Promise<string | BasescopeError> {
  return text(stream).catch((e) => e);
}

describe("verifiedBody", () => {
  it("passes the bytes through and counts them", async () => {
    let counted = 0;
    const out = await consume(
      verifiedBody(body(split(payload)), noAbort, {
        ...base,
        digest,
        size: payload.length,
        onBytes: (n) => (counted += n),
      }),
    );
    expect(out).toBe(payload.toString());
    expect(counted).toBe(payload.length);
  });

  it("fails with DigestMismatch when one byte differs", async () => {
    const bad = Buffer.from(payload);
    bad[777] ^= 1;
    const err = await consume(
      verifiedBody(body(split(bad)), noAbort, { ...base, digest, size: payload.length }),
    );
    expect(err).toBeInstanceOf(BasescopeError);
    expect((err as BasescopeError).kind).toBe("DigestMismatch");
    expect((err as BasescopeError).message).toContain(digest);
  });

  it("fails with CorruptLayer when the body is short or long", async () => {
    const short = await consume(
      verifiedBody(body([payload.subarray(0, 10)]), noAbort, { ...base, digest, size: payload.length }),
    );
    expect((short as BasescopeError).kind).toBe("CorruptLayer");
    const long = await consume(
      verifiedBody(body([payload, Buffer.from("x")]), noAbort, { ...base, digest, size: payload.length }),
    );
    expect((long as BasescopeError).kind).toBe("CorruptLayer");
  });

  it("turns a stalled body into RegistryUnreachable and aborts the request", async () => {
    let aborted = false;
    const err = await consume(
      verifiedBody(body(split(payload), { stallAfter: 1 }), () => (aborted = true), {
        ...base,
        digest,
        idleTimeoutMs: 200,
      }),
    );
    expect((err as BasescopeError).kind).toBe("RegistryUnreachable");
    expect((err as BasescopeError).message).toMatch(/stopped sending layer 1 for 0.2 s/);
    expect(aborted).toBe(true);
  });

  it("does not count a slow consumer as a stalled registry", async () => {
    const stream = verifiedBody(body(split(payload)), noAbort, {
      ...base,
      digest,
      size: payload.length,
      idleTimeoutMs: 100,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(Buffer.concat(chunks).equals(payload)).toBe(true);
  });

  it("cancels the request when the consumer stops early", async () => {
    let aborted = false;
    const stream = verifiedBody(body(split(payload)), () => (aborted = true), { ...base, digest });
    for await (const chunk of stream) {
      expect(chunk).toBeDefined();
      break;
    }
    expect(aborted).toBe(true);
  });

  it("maps a broken connection to RegistryUnreachable", async () => {
    let i = 0;
    const broken = new ReadableStream<Uint8Array>({
      pull(c) {
        if (i++ === 0) c.enqueue(new Uint8Array(payload.subarray(0, 10)));
        else c.error(Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }));
      },
    });
    const err = await consume(verifiedBody(broken, noAbort, { ...base, digest, size: payload.length }));
    expect((err as BasescopeError).kind).toBe("RegistryUnreachable");
    expect((err as BasescopeError).message).toMatch(/closed unexpectedly/);
  });
});
