/**
 * Where n8n runs and what it can reach from there: the Ollama URL written into a workflow, and the
 * folders the workflow reads and writes.
 */
import { checkOllamaHost } from "../../shared/host-policy";

/** How n8n is installed: the Docker setup the plan documents, or a plain (npm) install on this machine. */
export type N8nRuntime = "docker" | "bare";

/** The vault folder n8n writes into (digests, ledger, reviews); everything else is mounted read-only. */
export const N8N_OUTPUT_FOLDER = "n8n";

/** The vault-relative folder the finance workflow reads bank exports from. */
export const FINANCE_INBOX_FOLDER = "finance-inbox";

/** Where the vault appears inside the n8n container of the documented docker-compose.yml. */
export const CONTAINER_VAULT = "/vault";

const DEFAULT_PORT = "11434";

/**
 * The Ollama URL n8n can reach. A loopback host is this machine: from the container that is
 * `host.docker.internal` (mapped by `extra_hosts: host-gateway`), from a bare install 127.0.0.1.
 * Any other host is the one the user configured (and allowed), used as is: never a guessed LAN address.
 */
export function workflowOllamaUrl(ollamaHost: string, runtime: N8nRuntime): string {
  // The user's own opt-in decides whether a remote host is allowed; here it only has to parse.
  const check = checkOllamaHost(ollamaHost, true);
  if (check.baseUrl === undefined) return runtime === "docker" ? `http://host.docker.internal:${DEFAULT_PORT}` : `http://127.0.0.1:${DEFAULT_PORT}`;
  const url = new URL(check.baseUrl);
  if (!check.isLoopback) return check.baseUrl;
  const port = url.port || DEFAULT_PORT;
  return runtime === "docker" ? `${url.protocol}//host.docker.internal:${port}` : `${url.protocol}//127.0.0.1:${port}`;
}

/** The folders a workflow uses, as n8n sees them. */
export interface WorkflowFolders {
  /** The vault, read-only. */
  vault: string;
  /** The one writable folder, inside the vault. */
  output: string;
  /** Where bank exports are dropped (finance). */
  financeInbox: string;
}

/** The vault path as n8n sees it: `/vault` in the container; the real path (or a placeholder) for a bare install. */
export function workflowFolders(runtime: N8nRuntime, vaultPath: string | undefined): WorkflowFolders {
  const vault = runtime === "docker" ? CONTAINER_VAULT : (vaultPath ?? "/path/to/your/vault").replace(/\\/g, "/").replace(/\/+$/, "");
  return { vault, output: `${vault}/${N8N_OUTPUT_FOLDER}`, financeInbox: `${vault}/${FINANCE_INBOX_FOLDER}` };
}
