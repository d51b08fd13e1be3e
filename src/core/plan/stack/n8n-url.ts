/** The n8n URL "Check my stack" may contact: this computer only, as the documented setup binds n8n. */
import { isLoopbackHostname } from "../../shared/host-policy";

/** The default n8n URL: the documented docker-compose.yml publishes n8n on 127.0.0.1:5678. */
export const DEFAULT_N8N_URL = "http://127.0.0.1:5678";

/** The normalised base URL (no trailing slash), or why it is refused. */
export function checkN8nUrl(raw: string): { baseUrl: string } | { error: string } {
  const text = raw.trim() || DEFAULT_N8N_URL;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return { error: `"${text}" isn't a valid n8n URL. Use a form like ${DEFAULT_N8N_URL}.` };
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    return { error: `"${text}" isn't a valid n8n URL. Use a form like ${DEFAULT_N8N_URL}.` };
  }
  // The stack check never reaches beyond this computer: n8n holds credentials, and the setup binds it to 127.0.0.1.
  if (!isLoopbackHostname(url.hostname)) return { error: `${url.host} is not this computer. Check my stack only contacts n8n on this computer (for example ${DEFAULT_N8N_URL}).` };
  return { baseUrl: `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}` };
}
