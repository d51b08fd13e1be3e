/**
 * A synthetic vault for the index benchmark: deterministic (seeded), realistic Markdown with
 * frontmatter, headings, paragraphs, lists, code blocks, wiki links, inline tags and some Chinese
 * notes, sized so the real chunker gives about 5 chunks per note (~25,000 for 5,000 notes).
 */
import { promises as fs } from "node:fs";
import path from "node:path";

/** Where the benchmark's vaults keep the index (the plugin's default folder). */
export const BENCH_INDEX_DIR = ".ai-stack-planner/index";

export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = (
  "the a of to and in is for on with that this it as be are from by at or an was we can not have will your but use when which more all one so if about into than some how then also our out up only other what time there new data run model local note notes"
).split(" ");
const TOPIC = (
  "gpu vram ram cpu ollama llama qwen mistral gemma phi quantization q4_k_m gguf context tokens embedding vector index retrieval rag prompt docker compose n8n workflow automation email inbox calendar budget finance invoice privacy offline server homelab nas proxmox backup sync obsidian vault plugin markdown chunk latency throughput benchmark laptop desktop macbook rtx 4090 3060 m2 unified memory power fan noise cooling rack ssd nvme raid kubernetes systemd cron python typescript rust api endpoint json yaml config secret token webhook imap smtp"
).split(" ");
const SYLLABLES = "ka ri to me no su la vi de ra po li an ex or in te co mi ta re lo fa ne zu ge ba hi ko".split(" ");
const CJK = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严".split("");

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

/** A word: mostly common and topic words, with a long tail of made-up ones (a realistic vocabulary). */
function word(random: () => number): string {
  const r = random();
  if (r < 0.45) return pick(random, COMMON);
  if (r < 0.8) return pick(random, TOPIC);
  const n = 2 + Math.floor(random() * 3);
  let w = "";
  for (let i = 0; i < n; i++) w += pick(random, SYLLABLES);
  return w;
}

function sentence(random: () => number, notes: number): string {
  const n = 6 + Math.floor(random() * 16);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(word(random));
  if (random() < 0.12) words.splice(Math.floor(random() * words.length), 0, `[[Note ${Math.floor(random() * notes)}]]`);
  if (random() < 0.05) words.push(`#${pick(random, ["project", "idea", "todo", "hardware", "reading"])}`);
  if (random() < 0.08) words.splice(1, 0, `**${word(random)}**`);
  const s = words.join(" ");
  return s[0].toUpperCase() + s.slice(1) + ".";
}

function paragraph(random: () => number, notes: number): string {
  const n = 2 + Math.floor(random() * 5);
  return Array.from({ length: n }, () => sentence(random, notes)).join(" ");
}

function chinese(random: () => number): string {
  const sentences = 2 + Math.floor(random() * 4);
  let out = "";
  for (let s = 0; s < sentences; s++) {
    const n = 12 + Math.floor(random() * 30);
    for (let i = 0; i < n; i++) out += pick(random, CJK);
    if (random() < 0.3) out += ` ${pick(random, TOPIC)} `;
    out += random() < 0.8 ? "。" : "，";
  }
  return out;
}

function list(random: () => number, notes: number): string {
  const n = 3 + Math.floor(random() * 6);
  const task = random() < 0.3;
  return Array.from({ length: n }, () => {
    const words = Array.from({ length: 3 + Math.floor(random() * 9) }, () => word(random)).join(" ");
    const link = random() < 0.15 ? ` see [[Note ${Math.floor(random() * notes)}]]` : "";
    return task ? `- [${random() < 0.5 ? "x" : " "}] ${words}${link}` : `- ${words}${link}`;
  }).join("\n");
}

function code(random: () => number): string {
  const lang = pick(random, ["bash", "yaml", "python", "ts", "json"]);
  const lines = 4 + Math.floor(random() * 14);
  const body = Array.from({ length: lines }, (_, i) => {
    const w = Array.from({ length: 2 + Math.floor(random() * 6) }, () => word(random));
    if (lang === "bash") return `${pick(random, ["ollama run", "docker compose", "curl -s", "nvidia-smi", "ls -la"])} ${w.join(" ")}`;
    if (lang === "yaml") return `${"  ".repeat(i % 3)}${w[0]}: ${w.slice(1).join(" ")}`;
    if (lang === "json") return `  "${w[0]}": "${w.slice(1).join(" ")}",`;
    return `${"    ".repeat(i % 2)}${w[0]} = ${w.slice(1).join("_")}(${i})`;
  });
  return "```" + lang + "\n" + body.join("\n") + "\n```";
}

const FOLDERS = ["Projects", "Hardware", "Daily", "Reading", "Ideas", "Work/Clients", "Work/Meetings", "Homelab", "中文笔记", "Archive/2024"];

export interface SyntheticNote {
  path: string;
  content: string;
}

/** Note `i` of a vault of `notes` notes (deterministic for a given seed). */
export function syntheticNote(i: number, notes: number, seed = 1): SyntheticNote {
  const random = seeded(seed * 1_000_003 + i);
  const folder = FOLDERS[i % FOLDERS.length];
  const isChinese = folder === "中文笔记" || random() < 0.05;
  const title = isChinese ? `笔记 ${i} ${pick(random, CJK)}${pick(random, CJK)}` : `Note ${i}`;
  const parts: string[] = [];
  if (random() < 0.6) {
    const tags = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, ["project", "hardware", "idea", "reading", "meeting", "homelab", "finance", "ai"]));
    parts.push(`---\ntags: [${[...new Set(tags)].join(", ")}]\ncreated: 2025-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}\naliases: ["${title} alias"]\nstatus: ${pick(random, ["draft", "active", "done"])}\n---`);
  }
  parts.push(`# ${title}`);
  parts.push(isChinese ? chinese(random) : paragraph(random, notes));
  const sections = 2 + Math.floor(random() * 4);
  for (let s = 0; s < sections; s++) {
    parts.push(`## ${isChinese ? `${pick(random, CJK)}${pick(random, CJK)}${pick(random, CJK)}` : `${word(random)} ${word(random)}`.replace(/^./, (c) => c.toUpperCase())}`);
    const blocks = 1 + Math.floor(random() * 3);
    for (let b = 0; b < blocks; b++) {
      const r = random();
      if (isChinese && r < 0.6) parts.push(chinese(random));
      else if (r < 0.62) parts.push(paragraph(random, notes));
      else if (r < 0.82) parts.push(list(random, notes));
      else parts.push(code(random));
    }
    if (random() < 0.15) {
      parts.push(`### ${word(random)} ${word(random)}`);
      parts.push(paragraph(random, notes));
    }
  }
  return { path: `${folder}/${title}.md`, content: parts.join("\n\n") + "\n" };
}

/** Writes a vault of `notes` notes under `root`; returns the notes' vault paths. */
export async function writeSyntheticVault(root: string, notes: number, seed = 1): Promise<string[]> {
  const paths: string[] = [];
  const folders = new Set<string>();
  for (let i = 0; i < notes; i++) {
    const note = syntheticNote(i, notes, seed);
    const dir = path.dirname(path.join(root, note.path));
    if (!folders.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      folders.add(dir);
    }
    await fs.writeFile(path.join(root, note.path), note.content);
    paths.push(note.path);
  }
  return paths;
}
