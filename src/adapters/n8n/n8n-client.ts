/**
 * The two n8n requests "Check my stack" makes: GET /healthz, and (with an API key) the public
 * API's GET /api/v1/workflows. Only the checked loopback base URL is contacted, redirects are not
 * followed (a redirect is a wrong answer: n8n does not send one here), and each request gives up
 * after a few seconds.
 */
import type { N8nProbeResult } from "../../core/plan/stack/check-stack";
import type { FetchFn } from "../ollama/ollama-client";
import { isRedirectRefusal, scopedFetch } from "../ollama/ollama-client";

const TIMEOUT_MS = 4000;

/** n8n at `baseUrl` (already checked by checkN8nUrl). */
export class N8nClient {
  private readonly fetch: FetchFn;

  constructor(
    private readonly baseUrl: string,
    platformFetch: FetchFn,
    private readonly apiKey?: string,
  ) {
    this.fetch = scopedFetch(baseUrl, platformFetch, undefined, {}, "n8n");
  }

  private async get(path: string, headers: Record<string, string>, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    return this.fetch(`${this.baseUrl}${path}`, { method: "GET", headers: { Accept: "application/json", ...headers }, redirect: "manual", signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  }

  /** /healthz: n8n answers 200 `{"status":"ok"}`; anything else is down or not n8n. */
  async health(signal?: AbortSignal): Promise<N8nProbeResult> {
    let response: Response;
    try {
      response = await this.get("/healthz", {}, signal);
    } catch (error) {
      // The gate refused to follow a redirect: whatever answered is not n8n.
      if (isRedirectRefusal(error)) return { ok: false, reason: "wrong-answer", detail: `HTTP ${error.redirectStatus} from /healthz` };
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const name = (error as { name?: string }).name;
      return { ok: false, reason: "down", detail: name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : cause === "ECONNREFUSED" ? "connection refused" : error instanceof Error ? error.message : String(error) };
    }
    const text = await response.text().catch(() => "");
    if (response.status !== 200) return { ok: false, reason: "wrong-answer", detail: `HTTP ${response.status} from /healthz` };
    try {
      if ((JSON.parse(text) as { status?: unknown }).status === "ok") return { ok: true };
    } catch {
      // Not JSON: falls through to the wrong answer below.
    }
    return { ok: false, reason: "wrong-answer", detail: `/healthz answered ${JSON.stringify(text.slice(0, 60))}` };
  }

  /** Names of all workflows (public API, paged), or null without an API key. */
  async workflowNames(signal?: AbortSignal): Promise<string[] | null> {
    if (!this.apiKey) return null;
    const names: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const response = await this.get(`/api/v1/workflows?limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { "X-N8N-API-KEY": this.apiKey }, signal);
      if (response.status === 401 || response.status === 403) throw new Error("the API key was refused");
      if (response.status !== 200) throw new Error(`HTTP ${response.status} from /api/v1/workflows`);
      const body = (await response.json()) as { data?: Array<{ name?: unknown }>; nextCursor?: unknown };
      for (const workflow of body.data ?? []) if (typeof workflow.name === "string") names.push(workflow.name);
      if (typeof body.nextCursor !== "string" || body.nextCursor === "") break;
      cursor = body.nextCursor;
    }
    return names;
  }
}
