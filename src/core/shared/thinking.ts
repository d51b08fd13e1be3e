/**
 * Reasoning models (qwen3, deepseek-r1) think before they answer. Servers with thinking support
 * send it apart (`message.thinking`); older ones put it in the answer between `<think>` tags.
 *
 * - `splitThinking(text)`: the answer without thinking blocks, and the thinking they held.
 */

const BLOCK = /<(think|thinking)>([\s\S]*?)(?:<\/\1>|$)/gi;

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
  const answer = rest.replace(BLOCK, (_block, _tag: string, inner: string) => {
    thoughts.push(inner);
    return "";
  });
  return { answer: answer.replace(/^\s+/, ""), thinking: thoughts.map((t) => t.trim()).filter((t) => t !== "").join("\n\n") };
}
