/**
 * Recommendation versus mention: what an answer tells the user to run, and what it only names.
 *
 * - `mentionStances(text, spans)`: for each named model, `recommended` (the answer says to run
 *   it), `rejected` (advised against, marked as not fitting, an upgrade path, a cloud service) or
 *   `neutral` (named without a verdict), in English and Chinese.
 *
 * The scope of a mention is its clause: the sentence, cut where a neighbouring model's clause
 * begins, except that a list ("avoid A, B and C") shares one scope. Headings, table rows, list
 * parents and a following sentence about "it" add their verdict. Admitting that a recommended
 * model is offloaded to the CPU ("too big for the GPU alone; Ollama splits it") does not reject it.
 */

export type Stance = "recommended" | "rejected" | "neutral";

interface Span {
  index: number;
  end: number;
}

// Advice against the model itself.
const HARD_REJECT =
  /\b(?:avoid|skip(?:ping)?|don'?t (?:bother|use|pick|choose|try|run|go)|do not (?:bother|use|pick|choose|try|run)|not (?:recommended|worth|an option|for you|advisable|suitable|a good (?:fit|choice|match|idea))|unsuitable|too demanding|forget(?: about)?|steer clear|stay away|pass on|rule[sd]? out|out of the question|no-go|overkill|not (?:feasible|possible|practical|realistic|viable)|impractical|unrealistic|infeasible|unusable|is out\b)|不推荐|不建议|不要用|不要选|不用考虑|别考虑|别用|避免|放弃|不适合|不现实|不可行|排除/i;
// Statements that it does not fit: overruled when the same clause admits offloading.
const SOFT_REJECT =
  /\b(?:(?:does|do|will|would|is|are) ?n[o']t (?:going to |gonna )?(?:fit|run|work|load)|won'?t (?:fit|run|work|load)|can(?:not|'t) (?:fit|run|be run|handle|load|hold)|too (?:large|big|heavy|slow)|exceeds?|beyond (?:your|the|what)|out of reach|(?:won'?t|will not|wouldn'?t|would not|not) be able to (?:run|load|fit|handle)|unable to (?:run|load|fit)|can'?t (?:provide|support|accommodate)|too much for (?:your|this|an?|the)|more than (?:you have|your)|(?:can'?t|cannot)(?=\s*(?:[.!;,)]|$))|no chance|impossible|\boom\b|not (?:on|with) (?:your|this|these|\d+\s*gb)|no way|not enough (?:memory|vram|ram))|带不动|跑不动|跑不了|跑不起来|带不起来|吃不消|扛不住|运行不了|无法运行|不能运行|无法在.{0,16}运行|装不下|放不下|太大|超出|不够|不足|不行|❌|✗|✘/i;
// Upgrade paths and what more hardware would allow.
const CONDITIONAL =
  /\b(?:once you|if you (?:upgrade|add|get|buy|later|ever|move|switch|had|double)|after (?:upgrading|you upgrade|adding)|when you (?:upgrade|add|get|have|move|switch|buy)|(?:maybe|perhaps) later|with (?:more|a bigger|another|a second|extra|an extra) (?:ram|vram|gpu|memory|card)|in the future|down the road|later on|someday|eventually|upgrade path|would (?:need|require|take))\b|^\s*later\b|升级|以后|将来|未来|加内存|加装|换成/i;
// Hosted services: named for comparison, not to run here.
const CLOUD = /\b(?:api|cloud|hosted|openrouter|groq|together\.ai|fireworks|deepinfra|web (?:app|version|ui))\b|云端|云上|官网|网页版|在线服务/i;
// Admitting that part of the model runs on the CPU.
const OFFLOAD = /\b(?:offload\w*|split(?:s|ting)? (?:it |the layers |layers )?(?:with|between|across)|partly on the cpu|partially on the cpu|spills? (?:over )?(?:in)?to|cpu\s*\+\s*gpu|hybrid)\b|卸载|部分层|放到\s*cpu|混合推理/i;
// Telling the user to run it.
const STRONG =
  /\b(?:use|run|pull|install|download|grab|recommend(?:ed)?|go with|pick|choose|start with|opt for|my pick|the pick|best (?:choice|option|fit|bet|pick)|main model|daily driver|primary|go-to)\b|首选|推荐|建议使用|建议用|使用|选择|主力|部署|运行|可以用|✅|✔|✓/i;
const CONTRAST = /\bbut\b|\bhowever\b|但是?|不过|然而/i;
// A single word that still closes a model's clause: "…would not fit, so use B".
const CLAUSE_BREAK = /[,，;；:：(（]/g;
// What may stand between two models of one list: "A, B and C", "A 和 B".
const COORDINATION = /^[\s,、，/*`()（）]*(?:and|or|nor|as well as|和|或|或者|与|及|以及)?[\s,、，/*`()（）]*$/i;
// Just before a model: "instead of B", "rather than B", "而不是 B".
const INSTEAD_BEFORE = /(?:instead of|rather than|in place of|而不是|而非|代替|取代)\s*[`*"“(]*\s*$/i;
const PRONOUN = /\b(?:it|this one|that one|them)\b|它|这个|这款|该模型/i;
const NO_CELL = /^\s*(?:\**\s*)(?:❌|✗|✘|×|🚫|⛔|no\b|nope\b|不\b|否|不行|不可以|不能|不适合|跑不动|带不动|won'?t|doesn'?t|does not|too\b|oom\b|not\b)/i;
const YES_CELL = /^\s*(?:\**\s*)(?:✅|✔|✓|☑|yes\b|可以|能\b|推荐|fits|runs)/i;
const LIST_ITEM = /^(\s*)(?:[-*+]|\d+[.)])\s/;
const LABEL = /^\s*(?:[-*+]|\d+[.)])?\s*\**([^:：*\n]{1,48}?)\**\s*[:：]/;

function verdictOf(scope: string): Stance | "conditional" | undefined {
  if (CONDITIONAL.test(scope) || CLOUD.test(scope)) return "conditional";
  if (HARD_REJECT.test(scope)) return "rejected";
  if (SOFT_REJECT.test(scope) && !OFFLOAD.test(scope)) return "rejected";
  if (STRONG.test(scope)) return "recommended";
  return undefined;
}

function sentenceBounds(text: string, span: Span): { start: number; end: number } {
  // A full stop between digits ("3.1") or in a name ("Qwen2.5") ends nothing.
  const isEnd = (k: number) => /[.。!！?？\n]/.test(text[k]) && !(text[k] === "." && /\w/.test(text[k + 1] ?? ""));
  let start = span.index;
  while (start > 0 && !isEnd(start - 1)) start -= 1;
  let end = span.end;
  while (end < text.length && !isEnd(end)) end += 1;
  return { start, end };
}

/** The heading a line sits under, if any. */
function headingAbove(lines: readonly string[], lineNo: number): string | undefined {
  for (let i = lineNo - 1; i >= 0; i--) {
    const m = /^\s*#{1,6}\s+(.+)$/.exec(lines[i]);
    if (m) return m[1];
  }
  return undefined;
}

/** The line a list item belongs to: the nearest less indented item, or the line introducing the list. */
function listParent(lines: readonly string[], lineNo: number): string | undefined {
  const item = LIST_ITEM.exec(lines[lineNo]);
  if (!item) return undefined;
  const indent = item[1].length;
  for (let i = lineNo - 1; i >= 0; i--) {
    const line = lines[i];
    if (line.trim() === "") return undefined;
    const parent = LIST_ITEM.exec(line);
    if (!parent) return /[:：]\s*\**\s*$/.test(line) ? line : undefined;
    if (parent[1].length < indent) return line;
  }
  return undefined;
}

function tableVerdict(row: string, own: Span, rowStart: number): Stance | undefined {
  const cells = row.split("|");
  let at = rowStart;
  for (const cell of cells) {
    const cellStart = at;
    at += cell.length + 1;
    if (own.index >= cellStart && own.index < at) continue;
    if (NO_CELL.test(cell)) return "rejected";
    if (YES_CELL.test(cell)) return "recommended";
  }
  return undefined;
}

/** Each mention's stance; `spans` are sorted and do not overlap. */
export function mentionStances(text: string, spans: readonly Span[]): Stance[] {
  const lines = text.split("\n");
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  const lineOf = (at: number) => {
    let lo = 0;
    while (lo + 1 < lineStarts.length && lineStarts[lo + 1] <= at) lo += 1;
    return lo;
  };

  // Chains of models listed together share one clause.
  const chainOf: number[] = spans.map((_, i) => i);
  for (let i = 1; i < spans.length; i++) {
    const gap = text.slice(spans[i - 1].end, spans[i].index);
    if (COORDINATION.test(gap) && !gap.includes("\n")) chainOf[i] = chainOf[i - 1];
  }

  const stances: Stance[] = spans.map((span, i) => {
    const lineNo = lineOf(span.index);
    const line = lines[lineNo];
    const heading = headingAbove(lines, lineNo);
    if (heading !== undefined && verdictOf(heading) !== undefined && verdictOf(heading) !== "recommended") return "rejected";
    const label = LABEL.exec(line)?.[1];
    if (label !== undefined && span.index - lineStarts[lineNo] > label.length) {
      const v = verdictOf(label);
      if (v === "rejected" || v === "conditional") return "rejected";
    }
    const parent = listParent(lines, lineNo);
    if (parent !== undefined) {
      const v = verdictOf(parent);
      if (v === "rejected" || v === "conditional") return "rejected";
    }
    if (/^\s*\|/.test(line)) {
      const v = tableVerdict(line, span, lineStarts[lineNo]);
      if (v) return v;
    }
    if (INSTEAD_BEFORE.test(text.slice(Math.max(0, span.index - 24), span.index))) return "rejected";
    // Struck through: "~~Llama 3.1 70B~~".
    if (/~~[^~\n]*$/.test(text.slice(lineStarts[lineNo], span.index)) && /^[^~\n]*~~/.test(text.slice(span.end))) return "rejected";

    // The clause: the sentence, from the last clause break after the previous chain to the next chain.
    const first = spans[chainOf.indexOf(chainOf[i])];
    const lastIndex = chainOf.lastIndexOf(chainOf[i]);
    const last = spans[lastIndex];
    const sentence = sentenceBounds(text, { index: first.index, end: last.end });
    let start = sentence.start;
    const previous = spans[chainOf.indexOf(chainOf[i]) - 1];
    if (previous && previous.end > start) {
      start = previous.end;
      for (const m of text.slice(previous.end, first.index).matchAll(CLAUSE_BREAK)) start = previous.end + m.index + 1;
    }
    let end = sentence.end;
    const next = spans[lastIndex + 1];
    if (next && next.index < end) end = next.index;
    const scope = text.slice(start, end);
    // "Can you run X? Realistically, no.": a question is answered by the next sentence.
    if (/[?？]/.test(text[sentence.end] ?? "")) {
      const reply = text.slice(sentence.end + 1, sentence.end + 80);
      const first = /^[^.。!！?？\n]*[.。!！?？]?/.exec(reply)?.[0] ?? "";
      const answered = /^\s*(?:\w+ly,?\s+)?(?:no\b|nope\b|not really|unfortunately|sadly)|^\s*(?:不|没法|很难)/i.test(reply) || verdictOf(first) === "rejected";
      return answered ? "rejected" : "neutral";
    }
    const v = verdictOf(scope);
    if (v === "conditional") return "rejected";
    if (v) return v;
    // A plan's list items name what to run ("- Chat: Gemma 3 27B"), unless something above says otherwise.
    if (LIST_ITEM.test(line)) return "recommended";

    // "X is tempting; don't bother with it": the next sentence about "it", naming no other model.
    const after = text.slice(sentence.end, sentence.end + 160);
    const nextSentence = /^[.。!！?？;；\s]*([^\n]*?(?:[.。!！?？](?!\d)|$))/.exec(after)?.[1] ?? "";
    const followingHasModel = next !== undefined && next.index < sentence.end + 1 + nextSentence.length + 2;
    if (!followingHasModel && PRONOUN.test(nextSentence)) {
      const w = verdictOf(nextSentence);
      if (w === "rejected" || w === "conditional") return "rejected";
    }
    return "neutral";
  });

  // "A scores higher, but for you B is the pick": A is only compared.
  return stances.map((stance, i) => {
    if (stance !== "neutral" || i + 1 >= spans.length) return stance;
    const between = text.slice(spans[i].end, spans[i + 1].index);
    return CONTRAST.test(between) && !between.includes("\n") && stances[i + 1] === "recommended" ? "rejected" : stance;
  });
}
