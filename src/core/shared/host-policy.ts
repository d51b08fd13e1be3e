/** Decides whether the configured Ollama host may be contacted: the plugin's privacy guard. */
import { actionText, IN_PLUGIN, sentence, type MessageContext } from "./user-actions";

export interface HostCheck {
  /** Normalised base URL (no trailing slash) when the host is usable. */
  baseUrl?: string;
  /** Why the host is refused; shown to the user as is. */
  error?: string;
  /** Cautions the user should see even though the host is allowed. */
  warnings: string[];
  isLoopback: boolean;
}

/** Sentence shown next to the opt-in, and repeated in warnings. */
export const REMOTE_HOST_EXPLANATION =
  "With a host that is not this computer, the text of your notes and prompts leaves this machine.";

/** True for 127.0.0.0/8, ::1 and localhost: addresses that never leave the machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h.endsWith(".localhost") || h === "0.0.0.0") return true;
  if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (v4) return v4.slice(1).every((octet) => Number(octet) <= 255) && v4[1] === "127";
  const mapped = /^::ffff:(127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(h);
  return mapped !== null;
}

/**
 * Validates a host setting (`http://127.0.0.1:11434`, `localhost:11434`, ...) against the user's
 * opt-in for non-local hosts. Pure: it does no lookup and opens no connection. `context` words the
 * refusal for where the user is (a setting in the plugin, a flag in the CLI).
 */
export function checkOllamaHost(raw: string, allowRemote: boolean, context: MessageContext = IN_PLUGIN): HostCheck {
  const text = raw.trim();
  if (text === "") {
    const where = context.surface === "cli" ? "Pass --host (or set OLLAMA_HOST)" : "Set it in the plugin settings";
    return { error: `The Ollama host is empty. ${where}, for example http://127.0.0.1:11434.`, warnings: [], isLoopback: false };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: `"${text}" isn't a valid Ollama host URL. Use a form like http://127.0.0.1:11434.`, warnings: [], isLoopback: false };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { error: `The Ollama host must use http or https, not ${url.protocol.replace(":", "")}.`, warnings: [], isLoopback: false };
  }
  if (url.hostname === "" || url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    return { error: `"${text}" isn't a valid Ollama host URL. Use a form like http://127.0.0.1:11434.`, warnings: [], isLoopback: false };
  }
  // Like Ollama's own clients: a host given without a port means Ollama's default port over http.
  const explicitPort = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]*\]|[^/:]*):\d+/i.test(withScheme);
  if (!explicitPort && url.protocol === "http:") url.port = "11434";
  const baseUrl = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  const isLoopback = isLoopbackHostname(url.hostname);
  if (isLoopback) return { baseUrl, warnings: [], isLoopback };
  if (!allowRemote) {
    return {
      error: `${url.host} is not this computer. ${sentence(actionText("allow-remote", context))} to use it. ${REMOTE_HOST_EXPLANATION}`,
      warnings: [],
      isLoopback,
    };
  }
  const warnings = [REMOTE_HOST_EXPLANATION];
  if (url.protocol === "http:") warnings.push(`The connection to ${url.host} is plain http: anyone on the network path can read your notes. Prefer https.`);
  return { baseUrl, warnings, isLoopback };
}
