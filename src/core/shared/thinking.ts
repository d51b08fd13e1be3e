/**
 * Reasoning models (qwen3, deepseek-r1) think before they answer. Servers with thinking support
 * send it apart (`message.thinking`); older ones put it in the answer between `<think>` tags.
 *
 * - `splitThinking(text)`: the answer without thinking blocks, and the thinking they held.
 */

// A closed block anywhere; an unclosed one only at the start (a stream cut while thinking).
const BLOCK = /<(think|thinking)>([\s\S]*?)<\/\1>|^\s*<(think|thinking)>([\s\S]*)$/gi;

/** The answer with every `<think>…</think>` block (or an unclosed one to the end) taken out. */
export function splitThinking(text: string): { answer: string; thinking: string } {
  const thoughts: string[] = [];
  // A stray closing tag with no opening one: everything before it was thinking.
  let rest = text;
  const close = /<\/think(?:ing)?>/i.exec(rest);
  if (close && !/<think(?:ing)?>/i.test(rest.slice(0, close.index))) {
    thoughts.push(rest.slice(0, close.index));
    rest = rest.slice(close.index + close[0].length);
  }
  const answer = rest.replace(BLOCK, (_block, _tag: string, inner: string | undefined, _open: string, unclosed: string | undefined) => {
    thoughts.push(inner ?? unclosed ?? "");
    return "";
  });
  return { answer: answer.replace(/^\s+/, ""), thinking: thoughts.map((t) => t.trim()).filter((t) => t !== "").join("\n\n") };
}

const OPEN = /^\s*<(think|thinking)>/i;

/**
 * Splits a streamed answer into thinking and answer as the pieces arrive: a `<think>` block at the
 * start of the answer is thinking until its closing tag. A tag cut between two pieces is held back
 * until the next piece shows what it is.
 */
export class ThinkingStream {
  private pending = "";
  private state: "start" | "thinking" | "answer" = "start";
  private closeTag = "</think>";
  private answerStarted = false;

  /** Feeds one piece; returns what of it is thinking and what is answer. */
  push(piece: string): { thinking: string; answer: string } {
    this.pending += piece;
    let thinking = "";
    let answer = "";
    for (;;) {
      if (this.state === "start") {
        const trimmed = this.pending.trimStart();
        const open = OPEN.exec(this.pending);
        if (open) {
          this.closeTag = `</${open[1]}>`;
          this.pending = this.pending.slice(open[0].length);
          this.state = "thinking";
          continue;
        }
        // Could still become "<think>": wait for more.
        if (trimmed === "" || "<thinking>".startsWith(trimmed.toLowerCase()) || "<think>".startsWith(trimmed.toLowerCase())) break;
        this.state = "answer";
        continue;
      }
      if (this.state === "thinking") {
        const at = this.pending.toLowerCase().indexOf(this.closeTag);
        if (at >= 0) {
          thinking += this.pending.slice(0, at);
          this.pending = this.pending.slice(at + this.closeTag.length).replace(/^\s+/, "");
          this.state = "answer";
          continue;
        }
        // Keep back what may be the start of the closing tag.
        let keep = 0;
        for (let k = Math.min(this.closeTag.length - 1, this.pending.length); k > 0; k--) {
          if (this.closeTag.startsWith(this.pending.slice(-k).toLowerCase())) {
            keep = k;
            break;
          }
        }
        thinking += this.pending.slice(0, this.pending.length - keep);
        this.pending = this.pending.slice(this.pending.length - keep);
        break;
      }
      // The answer starts at its first visible character, as in `splitThinking`.
      answer += this.answerStarted ? this.pending : this.pending.replace(/^\s+/, "");
      if (answer !== "") this.answerStarted = true;
      this.pending = "";
      break;
    }
    return { thinking, answer };
  }

  /** Whatever is still held back, at the end of the stream. */
  flush(): { thinking: string; answer: string } {
    const rest = this.pending;
    this.pending = "";
    if (this.state === "thinking") return { thinking: rest, answer: "" };
    return { thinking: "", answer: this.answerStarted ? rest : rest.replace(/^\s+/, "") };
  }
}
