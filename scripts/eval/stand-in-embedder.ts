/**
 * A STAND-IN for an embedding model, for the retrieval eval only (no real model can be downloaded
 * on this machine; see docs/decisions/0007-hybrid-retrieval.md). It is NOT a semantic model: each text
 * becomes a 384-dimensional feature-hashed vector of
 *   - character trigrams of its words (spelling-level similarity: "awake" ~ "wake"), and
 *   - concepts from a small hand-written lexicon (CONCEPTS below) that maps English and Chinese
 *     synonyms to one feature, the crude part of what a multilingual model does well.
 * The vector figures of the eval therefore say how fusion behaves next to a ranking that knows
 * some synonyms and translations, not how nomic-embed-text or bge-m3 would score.
 */
import type { Embedder } from "../../src/core/index/index-ports";

const DIMS = 384;

/** Synonym groups across English and Chinese: every member adds the group's feature. */
export const CONCEPTS: readonly string[][] = [
  ["laptop", "notebook computer", "macbook", "thinkpad", "笔记本电脑", "笔记本"],
  ["sleep", "awake", "wake", "suspend", "hibernate", "lid", "caffeinate", "休眠", "睡眠", "唤醒", "合盖"],
  ["power", "battery", "charger", "charging", "电源", "电池", "充电"],
  ["gpu", "graphics card", "video card", "vram", "rtx", "radeon", "显卡", "显存"],
  ["memory", "ram", "ddr", "内存"],
  ["storage", "disk", "ssd", "nvme", "hard drive", "nas", "硬盘", "存储", "固态"],
  ["backup", "back up", "restic", "borg", "snapshot", "备份", "快照"],
  ["network", "wifi", "router", "ethernet", "vpn", "tailscale", "网络", "路由器"],
  ["recipe", "cook", "cooking", "dish", "bake", "菜谱", "做法", "烹饪", "食谱"],
  ["noodle", "pasta", "spaghetti", "ramen", "面条", "意面", "拉面"],
  ["egg", "eggs", "鸡蛋", "蛋"],
  ["tomato", "tomatoes", "西红柿", "番茄"],
  ["soup", "broth", "汤"],
  ["travel", "trip", "journey", "itinerary", "flight", "旅行", "旅游", "行程", "航班"],
  ["hotel", "hostel", "accommodation", "stay", "checked in", "check in", "room", "住宿", "酒店"],
  ["money", "budget", "expense", "spending", "cost", "price", "预算", "花费", "开销", "费用"],
  ["tax", "taxes", "invoice", "receipt", "税", "发票"],
  ["health", "doctor", "sleep schedule", "exercise", "run", "running", "健康", "医生", "锻炼", "跑步"],
  ["book", "reading", "novel", "author", "读书", "书", "小说", "作者"],
  ["garden", "plant", "seed", "water", "tomato plant", "花园", "种植", "浇水", "植物"],
  ["meeting", "sync", "standup", "minutes", "会议", "例会", "纪要"],
  ["decision", "decide", "decided", "chose", "agreed", "决定", "决策"],
  ["database", "postgres", "sqlite", "mysql", "数据库"],
  ["deploy", "release", "ship", "rollout", "部署", "发布", "上线"],
  ["bug", "crash", "error", "failure", "故障", "报错", "崩溃"],
  ["model", "llm", "ollama", "qwen", "llama", "模型", "大模型"],
  ["embed", "embedding", "vector", "向量", "嵌入"],
  ["password", "secret", "key", "2fa", "密码", "密钥"],
  ["email", "mail", "inbox", "邮件", "邮箱"],
  ["phone", "iphone", "android", "手机"],
  ["car", "vehicle", "tire", "tyre", "汽车", "轮胎"],
  ["fast", "quick", "slow", "speed", "速度", "快", "慢"],
  ["noise", "loud", "fan", "quiet", "噪音", "风扇", "安静"],
  ["heat", "temperature", "thermal", "hot", "cooling", "温度", "散热", "过热"],
  ["print", "printer", "3d printer", "filament", "打印", "打印机"],
  ["photo", "camera", "picture", "lens", "照片", "相机", "镜头"],
  ["language", "chinese", "english", "learn", "vocabulary", "语言", "中文", "英语", "学习", "单词"],
  ["child", "kid", "school", "孩子", "学校"],
  ["apartment", "rent", "landlord", "lease", "公寓", "房租", "房东", "租"],
  ["insurance", "policy", "claim", "保险", "理赔"],
];

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function addFeature(v: Float32Array, feature: string, weight: number): void {
  const h = fnv(feature);
  v[h % DIMS] += (h & 0x80000000 ? -1 : 1) * weight;
}

/** The stand-in vector of `text` (L2-normalised). */
export function standInVector(text: string): Float32Array {
  const v = new Float32Array(DIMS);
  const lower = text.normalize("NFKC").toLowerCase();
  for (const word of lower.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (/\p{Script=Han}/u.test(word)) {
      for (const ch of word) addFeature(v, `c:${ch}`, 0.3);
      continue;
    }
    const w = `<${word}>`;
    for (let i = 0; i + 3 <= w.length; i++) addFeature(v, `t:${w.slice(i, i + 3)}`, 0.25);
  }
  CONCEPTS.forEach((group, g) => {
    let hits = 0;
    for (const term of group) {
      const cjk = /\p{Script=Han}/u.test(term);
      const re = cjk ? null : new RegExp(`\\b${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "g");
      hits += cjk ? lower.split(term).length - 1 : (lower.match(re ?? /$^/) ?? []).length;
    }
    if (hits > 0) addFeature(v, `concept:${g}`, 1.5 * Math.sqrt(hits));
  });
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < DIMS; i++) v[i] /= n;
  return v;
}

/** The stand-in as the index's `Embedder` port (in process, no HTTP). */
export function standInEmbedder(model = "stand-in-hash-384"): Embedder {
  return {
    model,
    describe: () => Promise.resolve({ canEmbed: true, dims: DIMS }),
    embed: (texts) => Promise.resolve(texts.map(standInVector)),
  };
}
