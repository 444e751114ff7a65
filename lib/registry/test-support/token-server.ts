import { execFileSync } from "node:child_process";
import { createPrivateKey, createSign, randomUUID, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A token server of the test's own for docker-registry's `auth.token` mode: a self-signed certificate from
 * `openssl req -x509`, RS256 JWTs signed with node's crypto carrying the certificate in the `x5c` header and
 * the granted actions in `access` claims (distribution's token format).
 */
export type TokenServer = {
  realm: string;
  service: string;
  issuer: string;
  certPath: string;
  /** Every request the server saw: method, query, whether Basic auth / a refresh token came along. */
  requests: { method: string; scope: string | null; user?: string; refresh?: string }[];
  /** A token for pushing test images. */
  mint(repo: string, actions: string[]): string;
  stop(): Promise<void>;
};

export type TokenPolicy = {
  users: Record<string, string>;
  refreshTokens?: Record<string, string>;
  /** Repositories anyone may pull without logging in. */
  publicRepos: string[];
  /** Users the server refuses outright (403). */
  blocked?: string[];
};

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

export async function startTokenServer(policy: TokenPolicy): Promise<TokenServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bs-token-"));
  const keyPath = path.join(dir, "key.pem");
  const certPath = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      keyPath,
      "-out",
      certPath,
      "-days",
      "2",
      "-subj",
      "/CN=basescope-test-token",
    ],
    { stdio: "ignore" },
  );
  const key = createPrivateKey(readFileSync(keyPath));
  const der = new X509Certificate(readFileSync(certPath)).raw.toString("base64");
  const service = "basescope-test-registry";
  const issuer = "basescope-test-issuer";
  const requests: TokenServer["requests"] = [];

  const mint = (subject: string, repo: string, actions: string[]) => {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: "JWT", alg: "RS256", x5c: [der] }));
    const claims = {
      iss: issuer,
      sub: subject,
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access: actions.length ? [{ type: "repository", name: repo, actions }] : [],
    };
    const body = `${header}.${b64url(JSON.stringify(claims))}`;
    const signature = createSign("RSA-SHA256").update(body).sign(key);
    return `${body}.${b64url(signature)}`;
  };

  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const form = req.method === "POST" ? new URLSearchParams(body) : url.searchParams;
      const scope = form.get("scope");
      let user: string | undefined;
      let authenticated = false;
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
      if (basic) {
        const [u, ...rest] = Buffer.from(basic[1], "base64").toString().split(":");
        user = u;
        authenticated = policy.users[u] === rest.join(":");
      }
      const refresh = form.get("refresh_token") ?? undefined;
      if (refresh) {
        user = policy.refreshTokens?.[refresh];
        authenticated = !!user;
      }
      requests.push({ method: req.method ?? "", scope, user, refresh });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      if ((basic || refresh) && !authenticated)
        return send(401, { errors: [{ code: "UNAUTHORIZED", message: "bad credentials" }] });
      if (user && policy.blocked?.includes(user))
        return send(403, { errors: [{ code: "DENIED", message: "account blocked" }] });
      const m = /^repository:([^:]+):(.+)$/.exec(scope ?? "");
      const repo = m?.[1] ?? "";
      const wanted = (m?.[2] ?? "").split(",");
      const granted =
        authenticated || policy.publicRepos.includes(repo)
          ? wanted.filter((a) => a === "pull" || (authenticated && a === "push"))
          : [];
      const token = mint(user ?? "anonymous", repo, granted);
      send(
        200,
        req.method === "POST"
          ? { access_token: token, expires_in: 300 }
          : { token, expires_in: 300, issued_at: new Date().toISOString() },
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certPath,
    requests,
    mint: (repo, actions) => mint("pusher", repo, actions),
    async stop() {
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
