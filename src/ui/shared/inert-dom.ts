/**
 * A pass over rendered model output in the DOM, after MarkdownRenderer: whatever got through the
 * text-level pass (a renderer quirk, a plugin's post-processor) still cannot load or run anything.
 * Remote images become text showing their URL; active elements are removed; links with a scheme
 * other than http(s), mailto or Obsidian's own become plain text; `on*` handlers are dropped.
 */

const ACTIVE = "script, iframe, object, embed, frame, frameset, applet, link, meta, base, form, style, audio, video, source, track, picture";
const SAFE_LINK = /^(https?:|mailto:|obsidian:|#)/i;
/** Images Obsidian itself serves from the vault (app:// in the desktop app, blob: for attachments). */
const LOCAL_IMAGE = /^(app:|blob:|capacitor:)/i;

/** Makes `root`'s rendered content inert in place. */
export function inertDom(root: HTMLElement): void {
  for (const el of Array.from(root.querySelectorAll(ACTIVE))) el.remove();
  for (const img of Array.from(root.querySelectorAll("img"))) {
    const src = img.getAttribute("src") ?? "";
    if (LOCAL_IMAGE.test(src)) continue;
    img.replaceWith(createEl("code", { text: `![${img.getAttribute("alt") ?? ""}](${src})` }));
  }
  for (const link of Array.from(root.querySelectorAll("a[href]"))) {
    const href = link.getAttribute("href") ?? "";
    if (link.classList.contains("internal-link") || SAFE_LINK.test(href.trim())) continue;
    link.replaceWith(createSpan({ text: `${link.textContent ?? ""} (${href})` }));
  }
  for (const el of Array.from(root.querySelectorAll("*"))) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) || /^\s*javascript:/i.test(attr.value)) el.removeAttribute(attr.name);
    }
  }
}
