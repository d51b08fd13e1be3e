/**
 * Markdown-aware chunking for the vault index (pure). A note becomes metadata (frontmatter, tags,
 * title) and chunks: heading sections first, then pieces that fit the embedding model's context,
 * never cutting a code fence when it can be avoided. Every step is linear in the note's length, so
 * a 10 MB note chunks in bounded time and memory.
 */
import { fnv1a64 } from "../shared/hash";
import { parseFrontmatter, type FrontmatterData } from "../shared/frontmatter";
import { estimateTokens, unitCost } from "../shared/tokens";


export interface NoteMetadata {
  /** The file name without `.md`, as Obsidian shows it. */
  title: string;
  /** The parsed frontmatter (a simple YAML subset: scalars, inline and block lists). */
  frontmatter: FrontmatterData;
  /** Lower-case tags without `#`, from the frontmatter (`tags`, `tag`) and inline `#tags`. */
  tags: string[];
}

export interface Chunk {
  /** Position of the chunk in its note, from 0. */
  ordinal: number;
  /** The chunk's own text, as written in the note. */
  text: string;
  /** What is sent to the embedding model: the note title and heading path, then the text. */
  embedText: string;
  /** Headings from the top level down to the chunk's section, e.g. ["Hardware", "GPU"]. */
  headingPath: string[];
  /** 0-based line of the note (frontmatter included) where the chunk's text starts and ends. */
  startLine: number;
  endLine: number;
  /** Identity of the chunk's content: FNV-1a 64 of heading path and text (not the title). */
  hash: string;
  /** Estimated tokens of `embedText`. */
  tokens: number;
}

export interface NoteAnalysis {
  path: string;
  /** FNV-1a 64 of the whole file. */
  contentHash: string;
  metadata: NoteMetadata;
  chunks: Chunk[];
  /** True when the note had more chunks than `maxChunksPerNote` and the rest were left out. */
  truncated: boolean;
}

export interface ChunkOptions {
  /** Upper bound of estimated tokens per embedded chunk (title and heading prefix included). */
  maxTokens: number;
  /** Tokens repeated from the end of a chunk at the start of the next one inside a long section. */
  overlapTokens: number;
  /** Safety cap for giant notes (log dumps): later chunks are left out and `truncated` is set. */
  maxChunksPerNote: number;
}

/**
 * nomic-embed-text has a 2,048-token context; 400 estimated tokens leaves a wide margin for the
 * estimate's error on code and symbols (BERT word pieces) and keeps chunks focused for retrieval.
 */
export const DEFAULT_CHUNK_OPTIONS: Readonly<ChunkOptions> = Object.freeze({ maxTokens: 400, overlapTokens: 40, maxChunksPerNote: 2000 });

/** Bumped when chunk boundaries or `embedText` change for the same input, so indexes are rebuilt. */
export const CHUNKER_VERSION = 1;

/** A signature of everything that decides chunk hashes and embedded text. */
export function chunkerSignature(options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): string {
  return `md-v${CHUNKER_VERSION}/${options.maxTokens}/${options.overlapTokens}/${options.maxChunksPerNote}`;
}

// ------------------------------------------------------------------ frontmatter and tags

/** The note title Obsidian shows: the file name without folder and `.md`. */
export function noteTitle(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name.replace(/\.md$/i, "");
}

/** Lower-case tag without `#`; empty when not a valid tag. */
export function normaliseTag(raw: string): string {
  const tag = raw.normalize("NFC").trim().replace(/^#+/, "").toLowerCase();
  return /^[\p{L}\p{M}\p{N}_\-/]+$/u.test(tag) && !/^\d+$/.test(tag) ? tag : "";
}

function frontmatterTags(data: FrontmatterData): string[] {
  const out: string[] = [];
  for (const key of ["tags", "tag"]) {
    const value = data[key];
    const values = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    for (const v of values) {
      if (typeof v !== "string") continue;
      for (const part of v.split(/[,\s]+/)) {
        const tag = normaliseTag(part);
        if (tag) out.push(tag);
      }
    }
  }
  return out;
}

// \p{M}: a decomposed "é" (e + combining accent) is one letter of the tag, not its end.
const INLINE_TAG = /(^|[\s,;:(])#([\p{L}\p{M}\p{N}_\-/]+)/gu;

function inlineTags(line: string, into: Set<string>): void {
  if (!line.includes("#")) return;
  const withoutCode = line.includes("`") ? line.replace(/`[^`]*`/g, " ") : line;
  for (const match of withoutCode.matchAll(INLINE_TAG)) {
    const tag = normaliseTag(match[2]);
    if (tag) into.add(tag);
  }
}

// ------------------------------------------------------------------ markdown structure

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

interface Section {
  headingPath: string[];
  /** Blocks of the section's body, in order. */
  blocks: Block[];
}

interface Block {
  kind: "text" | "code";
  /** First and last line (inclusive, 0-based in the file). */
  start: number;
  end: number;
}

/** Splits the body into heading sections and blank-line-separated blocks (code fences kept whole). */
function parseSections(lines: readonly string[], bodyStart: number, tags: Set<string>): Section[] {
  const sections: Section[] = [];
  const stack: { level: number; text: string }[] = [];
  let current: Section = { headingPath: [], blocks: [] };
  sections.push(current);
  let block: Block | null = null;
  let fence: { char: string; length: number } | null = null;

  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i];
    if (fence && block) {
      block.end = i;
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) {
        fence = null;
        current.blocks.push(block);
        block = null;
      }
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1][0] === "`" && line.slice(line.indexOf(open[1]) + open[1].length).includes("`"))) {
      if (block) current.blocks.push(block);
      fence = { char: open[1][0], length: open[1].length };
      block = { kind: "code", start: i, end: i };
      continue;
    }
    const heading = line.startsWith("#") || line.startsWith(" ") ? HEADING.exec(line) : null;
    if (heading) {
      if (block) current.blocks.push(block);
      block = null;
      const level = heading[1].length;
      const text = (heading[2] ?? "").trim();
      inlineTags(text, tags);
      while (stack.length > 0 && stack[stack.length - 1].level >= level) stack.pop();
      stack.push({ level, text });
      current = { headingPath: stack.map((h) => h.text).filter((t) => t !== ""), blocks: [] };
      sections.push(current);
      continue;
    }
    if (line.trim() === "") {
      if (block) current.blocks.push(block);
      block = null;
      continue;
    }
    inlineTags(line, tags);
    if (block) block.end = i;
    else block = { kind: "text", start: i, end: i };
  }
  if (block) current.blocks.push(block);
  return sections.filter((s) => s.blocks.length > 0);
}

// ------------------------------------------------------------------ sizing

/** A piece of a section that is never cut further unless it alone is too big. */
interface Unit {
  text: string;
  tokens: number;
  start: number;
  end: number;
  /** Separator placed before this unit when it follows another in the same chunk. */
  sep: string;
  code: boolean;
}

/** Cuts `text` into pieces of at most `limit` tokens, preferring whitespace and sentence ends. */
function hardSplit(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let cost = 0;
  let lastBreak = -1;
  for (let i = 0; i < text.length; i++) {
    const c = unitCost(text, i);
    if (cost + c > limit && i > start) {
      const cut = lastBreak > start + (i - start) / 2 ? lastBreak : i;
      pieces.push(text.slice(start, cut));
      start = cut;
      // Recount the carried-over tail (at most half a piece, so the whole pass stays linear).
      cost = 0;
      for (let j = start; j < i; j++) cost += unitCost(text, j);
      lastBreak = -1;
    }
    cost += c;
    const ch = text.charCodeAt(i);
    // Break after whitespace and after CJK/Latin sentence punctuation.
    if (ch === 0x20 || ch === 0x09 || ch === 0x3002 || ch === 0xff01 || ch === 0xff1f || ch === 0xff1b || ch === 0xff0c || ch === 0x3001) lastBreak = i + 1;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces.filter((p) => p.trim() !== "");
}

/**
 * Sentences of a long line: cut after `.!?` + space and after CJK sentence punctuation. Each comes
 * with the gap that preceded it in the line (the skipped spaces, or "" between CJK sentences), so
 * joining them again restores the line instead of putting spaces between Chinese sentences.
 */
function sentences(line: string): { text: string; gap: string }[] {
  const out: { text: string; gap: string }[] = [];
  let start = 0;
  let gap = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    const cjkEnd = ch === "。" || ch === "！" || ch === "？" || ch === "；";
    const latinEnd = (ch === "." || ch === "!" || ch === "?") && i + 1 < line.length && line[i + 1] === " ";
    if (cjkEnd || latinEnd) {
      out.push({ text: line.slice(start, i + 1), gap });
      let next = i + 1;
      while (next < line.length && line[next] === " ") next++;
      gap = line.slice(i + 1, next);
      start = next;
      i = start - 1;
    }
  }
  if (start < line.length) out.push({ text: line.slice(start), gap });
  return out;
}

/** Units for one block, each at most `limit` tokens. */
function blockUnits(lines: readonly string[], block: Block, limit: number, sep: string): Unit[] {
  const blockLines = lines.slice(block.start, block.end + 1);
  const whole = blockLines.join("\n");
  const tokens = estimateTokens(whole);
  if (tokens <= limit) return [{ text: whole, tokens, start: block.start, end: block.end, sep, code: block.kind === "code" }];

  const units: Unit[] = [];
  if (block.kind === "code") {
    // Too big to keep whole: split by lines, re-fencing every piece so each chunk is valid Markdown.
    const open = blockLines[0];
    const fenceMark = (FENCE_OPEN.exec(open)?.[1] ?? "```").trim();
    const closed = blockLines.length > 1 && blockLines[blockLines.length - 1].trim().startsWith(fenceMark[0].repeat(3));
    const body = blockLines.slice(1, closed ? -1 : undefined);
    const frame = estimateTokens(open) + estimateTokens(fenceMark) + 1;
    let piece: string[] = [];
    let pieceTokens = frame;
    let pieceStart = block.start + 1;
    const flush = (endLine: number) => {
      if (piece.length === 0) return;
      units.push({ text: [open, ...piece, fenceMark].join("\n"), tokens: pieceTokens, start: pieceStart, end: endLine, sep: units.length === 0 ? sep : "\n\n", code: true });
      piece = [];
      pieceTokens = frame;
    };
    body.forEach((line, k) => {
      const lineNo = block.start + 1 + k;
      const lineTokens = estimateTokens(line) + 1;
      if (pieceTokens + lineTokens > limit) {
        flush(lineNo - 1);
        pieceStart = lineNo;
      }
      if (frame + lineTokens > limit) {
        for (const part of hardSplit(line, limit - frame)) {
          units.push({ text: [open, part, fenceMark].join("\n"), tokens: frame + estimateTokens(part), start: lineNo, end: lineNo, sep: units.length === 0 ? sep : "\n\n", code: true });
        }
        pieceStart = lineNo + 1;
        return;
      }
      piece.push(line);
      pieceTokens += lineTokens;
    });
    flush(block.end);
    return units;
  }

  // Text: line by line; a line that alone is too big goes by sentences, then by hard cuts.
  blockLines.forEach((line, k) => {
    const lineNo = block.start + k;
    const first = units.length === 0;
    const lineTokens = estimateTokens(line);
    if (lineTokens <= limit) {
      units.push({ text: line, tokens: lineTokens, start: lineNo, end: lineNo, sep: first ? sep : "\n", code: false });
      return;
    }
    sentences(line).forEach((sentence, s) => {
      const parts = estimateTokens(sentence.text) <= limit ? [sentence.text] : hardSplit(sentence.text, limit);
      parts.forEach((part, p) => {
        // The first piece follows the previous line (or block); later ones continue the line as written.
        const joinWith = s === 0 && p === 0 ? (first ? sep : "\n") : p === 0 ? sentence.gap : "";
        units.push({ text: part, tokens: estimateTokens(part), start: lineNo, end: lineNo, sep: joinWith, code: false });
      });
    });
  });
  return units;
}

/**
 * The end of `text` worth about `tokens` tokens, starting at a word or line boundary, or for CJK
 * text after a punctuation mark (else at any character, since CJK has no spaces).
 */
function tail(text: string, tokens: number): string {
  let cost = 0;
  let i = text.length;
  while (i > 0 && cost + unitCost(text, i - 1) <= tokens) {
    i--;
    cost += unitCost(text, i);
  }
  if (i === 0) return text;
  const rest = text.slice(i);
  const boundary = rest.search(/[\s，、。！？；]/);
  if (boundary >= 0 && boundary < rest.length - 1) return rest.slice(boundary + 1).trimStart();
  return /[\u3000-\u9fff]/.test(rest) ? rest : "";
}

// ------------------------------------------------------------------ the whole note

/** The text sent to the embedding model for a chunk. */
export function embedTextFor(title: string, headingPath: readonly string[], text: string): string {
  const context = headingPath.length > 0 ? `${title} > ${headingPath.join(" > ")}` : title;
  return `${context}\n\n${text}`;
}

/** Content identity of a chunk: heading path and text, not the title (so renames re-embed nothing). */
export function chunkHash(headingPath: readonly string[], text: string): string {
  return fnv1a64(`${headingPath.join("\u001f")}\u001e${text}`);
}

/** Splits text into lines (LF, CRLF or CR). */
export function splitLines(content: string): string[] {
  return content.split(/\r\n|\n|\r/);
}

/** Metadata and chunks of one note. Pure and linear in the note's length. */
export function analyzeNote(path: string, content: string, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): NoteAnalysis {
  const title = noteTitle(path);
  const lines = splitLines(content);
  const { data, bodyStart } = parseFrontmatter(lines);
  const tagSet = new Set(frontmatterTags(data));
  const sections = parseSections(lines, bodyStart, tagSet);

  const chunks: Chunk[] = [];
  let truncated = false;
  for (const section of sections) {
    if (truncated) break;
    const prefixTokens = estimateTokens(embedTextFor(title, section.headingPath, ""));
    const limit = Math.max(16, options.maxTokens - prefixTokens);
    const units = section.blocks.flatMap((block, k) => blockUnits(lines, block, limit, k === 0 ? "" : "\n\n"));

    let parts: string[] = [];
    let tokens = 0;
    let start = -1;
    let end = -1;
    let lastUnit: Unit | null = null;
    const emit = () => {
      if (parts.length === 0) return;
      const text = parts.join("");
      if (chunks.length >= options.maxChunksPerNote) {
        truncated = true;
        parts = [];
        return;
      }
      const embedText = embedTextFor(title, section.headingPath, text);
      chunks.push({
        ordinal: chunks.length,
        text,
        embedText,
        headingPath: section.headingPath,
        startLine: start,
        endLine: end,
        hash: chunkHash(section.headingPath, text),
        tokens: prefixTokens + tokens,
      });
      parts = [];
      tokens = 0;
    };

    for (const unit of units) {
      if (truncated) break;
      const sepTokens = parts.length > 0 ? estimateTokens(unit.sep) : 0;
      if (parts.length > 0 && tokens + sepTokens + unit.tokens > limit) {
        const previous: Unit | null = lastUnit;
        emit();
        // Carry a little context over, but never half a code block.
        if (previous && !previous.code && !unit.code && options.overlapTokens > 0) {
          const overlap = tail(previous.text, Math.min(options.overlapTokens, limit - unit.tokens - 1));
          if (overlap !== "") {
            parts.push(overlap);
            tokens = estimateTokens(overlap);
            start = previous.end;
          }
        }
      }
      if (parts.length === 0) {
        start = unit.start;
        parts.push(unit.text);
        tokens += unit.tokens;
      } else {
        parts.push(unit.sep, unit.text);
        tokens += estimateTokens(unit.sep) + unit.tokens;
      }
      end = unit.end;
      lastUnit = unit;
    }
    emit();
  }

  return {
    path,
    contentHash: fnv1a64(content),
    metadata: { title, frontmatter: data, tags: [...tagSet].sort() },
    chunks,
    truncated,
  };
}
