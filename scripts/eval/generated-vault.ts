/**
 * The generated part of the retrieval eval vault (deterministic: the same notes on every run):
 * families of notes written from varied templates, with English and Chinese versions of some
 * (translations), long runs of near-duplicates (weekly meeting notes, trip days) and filler
 * journal notes full of common words, plus the questions about them, phrased as a user would.
 * The hand-written notes and questions are in eval/vault/ and eval/questions.json.
 */
import { seeded } from "../bench/synthetic-vault";

/** A question with the notes that answer it (any of them counts); none for a question nothing answers. */
export interface EvalQuestion {
  q: string;
  answers: string[];
}

export interface GeneratedVault {
  notes: Map<string, string>;
  questions: EvalQuestion[];
}

const PROJECTS = [
  { name: "Atlas", topic: "the photo archive" },
  { name: "Beacon", topic: "the home dashboard" },
  { name: "Cedar", topic: "the family budget app" },
  { name: "Drift", topic: "the offline notes sync" },
];

const DECISIONS = [
  ["move the database from SQLite to Postgres", "when did we decide to switch {p} to Postgres"],
  ["drop the mobile app and ship a web page first", "which week did {p} give up on the mobile app"],
  ["pay for a second NAS for off-site backups", "when was the off-site backup box approved for {p}"],
  ["rewrite the importer in Rust because the Python one ran out of memory", "why was the {p} importer rewritten"],
  ["freeze features until the crash on startup is fixed", "when did {p} stop adding features because of the startup crash"],
  ["use Tailscale instead of opening ports on the router", "what did {p} pick instead of port forwarding"],
  ["hire a designer for two weeks to redo the icons", "when did {p} get a designer for the icons"],
  ["run the nightly jobs at 3 am so the fans are quiet during the day", "why do {p} jobs run in the middle of the night"],
];

const FILLER = [
  "The meeting started late because the call link changed.",
  "Everyone agreed the current approach works for now.",
  "We reviewed the open issues and closed the stale ones.",
  "Action items are in the tracker, nothing urgent this week.",
  "Next sync is at the same time next week.",
];

const DISHES: { en: string; zh: string; method: string; zhMethod: string; minutes: number; key: string; zhKey: string }[] = [
  { en: "Tomato and egg stir-fry", zh: "西红柿炒鸡蛋", method: "Scramble the eggs first, take them out, then cook the tomatoes until soft and mix back", zhMethod: "先把鸡蛋炒散盛出，再把西红柿炒软，最后把鸡蛋倒回去翻炒", minutes: 10, key: "sugar", zhKey: "糖" },
  { en: "Beef noodle soup", zh: "牛肉面", method: "Simmer the beef shank with star anise and soy sauce, then pour the broth over the noodles", zhMethod: "牛腱子加八角和酱油小火炖，再把汤浇在面条上", minutes: 150, key: "star anise", zhKey: "八角" },
  { en: "Mapo tofu", zh: "麻婆豆腐", method: "Fry the minced pork with chili bean paste, add tofu cubes and thicken with starch", zhMethod: "肉末加豆瓣酱炒香，放入豆腐块，最后勾芡", minutes: 20, key: "Sichuan pepper", zhKey: "花椒" },
  { en: "Dumplings with pork and cabbage", zh: "猪肉白菜饺子", method: "Salt the cabbage and squeeze out the water before mixing it with the pork", zhMethod: "白菜先用盐腌出水再挤干，和猪肉馅拌匀", minutes: 60, key: "squeeze the cabbage", zhKey: "挤干" },
  { en: "Spaghetti aglio e olio", zh: "蒜香橄榄油意面", method: "Warm sliced garlic in olive oil on low heat and toss with the pasta and some pasta water", zhMethod: "小火用橄榄油把蒜片煎香，加入意面和少量煮面水拌匀", minutes: 15, key: "pasta water", zhKey: "煮面水" },
  { en: "Congee with century egg", zh: "皮蛋瘦肉粥", method: "Cook the rice with ten times the water, add the pork and egg at the end", zhMethod: "米加十倍的水熬煮，最后加入瘦肉和皮蛋", minutes: 90, key: "ten times the water", zhKey: "十倍" },
  { en: "Banana bread", zh: "香蕉面包", method: "Mash very ripe bananas, fold in the flour gently and bake at 175 °C", zhMethod: "把熟透的香蕉压成泥，轻轻拌入面粉，175 度烘烤", minutes: 60, key: "175", zhKey: "175" },
  { en: "Miso soup", zh: "味噌汤", method: "Never boil the miso; dissolve it in a ladle of warm dashi off the heat", zhMethod: "味噌不要煮沸，关火后用一勺高汤化开", minutes: 10, key: "dashi", zhKey: "高汤" },
  { en: "Red braised pork belly", zh: "红烧肉", method: "Caramelise rock sugar before adding the pork belly, then braise for an hour", zhMethod: "先炒冰糖出糖色再下五花肉，炖一个小时", minutes: 80, key: "rock sugar", zhKey: "冰糖" },
  { en: "Cold cucumber salad", zh: "拍黄瓜", method: "Smash the cucumber, salt it for ten minutes, then add garlic, vinegar and chili oil", zhMethod: "黄瓜拍碎，用盐腌十分钟，再加蒜、醋和辣椒油", minutes: 15, key: "chili oil", zhKey: "辣椒油" },
];

const CITIES = [
  { city: "Lisbon", hotel: "Casa do Largo", food: "grilled sardines at a place called O Pescador" },
  { city: "Kyoto", hotel: "Ryokan Hoshino", food: "tofu kaiseki near Nanzen-ji" },
  { city: "Chengdu", hotel: "Tianfu Garden Inn", food: "hot pot at Shu Jiu Xiang" },
  { city: "Edinburgh", hotel: "The Grassmarket Rooms", food: "haggis at The Bow Bar" },
  { city: "Oaxaca", hotel: "Posada Azul", food: "mole negro at Los Danzantes" },
  { city: "Hanoi", hotel: "Little Lake House", food: "bun cha on Hang Manh street" },
  { city: "Tallinn", hotel: "Old Town Loft", food: "black bread soup at Rataskaevu 16" },
  { city: "Istanbul", hotel: "Pera Stone House", food: "fish sandwiches by the Galata bridge" },
];

const BOOKS = [
  { title: "Pride and Prejudice", author: "Jane Austen", thought: "the ending felt earned because Darcy changes before Elizabeth knows it" },
  { title: "Moby-Dick", author: "Herman Melville", thought: "the whaling chapters are the best part, not the chase" },
  { title: "Walden", author: "Henry David Thoreau", thought: "his budget for the cabin is the most practical page" },
  { title: "The Count of Monte Cristo", author: "Alexandre Dumas", thought: "revenge is satisfying for half the book and then it turns sad" },
  { title: "Journey to the West", author: "Wu Cheng'en", thought: "Sun Wukong is funnier than I remembered from the cartoons" },
  { title: "Dream of the Red Chamber", author: "Cao Xueqin", thought: "I needed a family tree on paper to follow the cousins" },
  { title: "Meditations", author: "Marcus Aurelius", thought: "book two is the one to reread on a bad morning" },
  { title: "Frankenstein", author: "Mary Shelley", thought: "the creature is the most articulate person in the story" },
  { title: "The Art of War", author: "Sun Tzu", thought: "it reads more like project management than battle" },
  { title: "Middlemarch", author: "George Eliot", thought: "Dorothea's marriage chapters are painful in a good way" },
];

const DEVICES = [
  { name: "Synology DS920+", role: "NAS", issue: "the disks never spin down because the indexing service keeps waking them", fix: "turned off the universal search index for the photo share" },
  { name: "ThinkPad T14 Gen 3", role: "work laptop", issue: "the battery drained overnight in the bag", fix: "switched from modern standby to S3 sleep in the BIOS" },
  { name: "Raspberry Pi 5", role: "home server", issue: "random reboots under load", fix: "replaced the 15 W phone charger with the official 27 W supply" },
  { name: "Mac mini M2", role: "media machine", issue: "external drive unmounted after sleep", fix: "used caffeinate while copying and disabled disk sleep" },
  { name: "GL.iNet Flint 2", role: "router", issue: "the 5 GHz network dropped every evening", fix: "pinned the channel to 36 instead of auto" },
  { name: "Prusa MK4", role: "3D printer", issue: "first layer peeled at the corners", fix: "cleaned the sheet with dish soap and raised the bed to 65 °C" },
  { name: "Fujifilm X-T30", role: "camera", issue: "photos imported with the wrong date", fix: "set the camera clock after the daylight saving change" },
  { name: "Kindle Paperwhite", role: "e-reader", issue: "sideloaded books did not show covers", fix: "sent them through the email address instead of USB" },
];

const JOURNAL = [
  "Slow morning. Coffee, a short run, then emails until lunch.",
  "Made pasta for dinner, it was fast and nobody complained.",
  "The fan of the old desktop is loud again; ignored it.",
  "Read a few pages before bed. Need to sleep earlier.",
  "Spent the afternoon sorting photos from last summer.",
  "Paid the rent and the phone bill. Budget is fine this month.",
  "Watered the tomato plants, two are finally red.",
  "Long call with my sister about the kids' school.",
  "今天下雨，在家看书，晚上做了面条。",
  "早上跑步五公里，下午整理照片。",
];

/** The generated notes (path → content) and their questions. */
export function generatedVault(): GeneratedVault {
  const random = seeded(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const notes = new Map<string, string>();
  const questions: EvalQuestion[] = [];

  // Weekly meetings: 4 projects × 20 weeks of near-duplicates; one decision each in a few weeks.
  PROJECTS.forEach((p, pi) => {
    for (let w = 1; w <= 20; w++) {
      const path = `Work/${p.name}/${p.name} weekly sync 2026-W${String(w).padStart(2, "0")}.md`;
      const lines = [`# ${p.name} weekly sync, week ${w}`, "", `Project ${p.name} is ${p.topic}.`, "", "## Notes", pick(FILLER), pick(FILLER), ""];
      const d = (w + pi * 3) % 10 === 0 || w === 3 + pi * 4 ? DECISIONS[(w + pi) % DECISIONS.length] : null;
      if (d) {
        lines.push("## Decisions", `We decided to ${d[0]}.`, "");
        questions.push({ q: d[1].replace("{p}", p.name), answers: [path] });
      } else lines.push("## Decisions", "No decisions this week.", "");
      notes.set(path, lines.join("\n"));
    }
  });

  // Recipes in English, most also in Chinese (translations of each other).
  DISHES.forEach((d, i) => {
    const en = `Recipes/${d.en}.md`;
    notes.set(en, `---\ntags: [recipe]\n---\n# ${d.en}\n\nTakes about ${d.minutes} minutes.\n\n## Method\n${d.method}.\n\n## Notes\nThe trick is the ${d.key}.\n`);
    const answers = [en];
    if (i < 8) {
      const zh = `菜谱/${d.zh}.md`;
      notes.set(zh, `---\ntags: [菜谱]\n---\n# ${d.zh}\n\n大约需要 ${d.minutes} 分钟。\n\n## 做法\n${d.zhMethod}。\n\n## 心得\n关键是${d.zhKey}。\n`);
      answers.push(zh);
    }
    if (i % 2 === 0) questions.push({ q: `how do I make ${d.en.toLowerCase()}`, answers });
    else questions.push({ q: `${d.zh}怎么做`, answers });
  });

  // Trip days: 8 cities × 5 days, near-duplicates; the hotel and food are named in one day each.
  CITIES.forEach((c, ci) => {
    for (let day = 1; day <= 5; day++) {
      const path = `Travel/${c.city} trip day ${day}.md`;
      const body = [`# ${c.city}, day ${day}`, "", `Walked around ${c.city} most of the day. ${pick(FILLER)}`];
      if (day === 1) body.push(`Checked in at ${c.hotel}; the room was small but quiet.`);
      if (day === 2 + (ci % 3)) body.push(`Best meal of the trip: ${c.food}.`);
      notes.set(path, `${body.join("\n")}\n`);
    }
    questions.push({ q: `where did we stay in ${c.city}`, answers: [`Travel/${c.city} trip day 1.md`] });
    if (ci % 2 === 0) questions.push({ q: `what was the best thing we ate in ${c.city}`, answers: [`Travel/${c.city} trip day ${2 + (ci % 3)}.md`] });
  });

  // Book notes, one per book.
  BOOKS.forEach((b, i) => {
    const path = `Reading/${b.title}.md`;
    notes.set(path, `# ${b.title}\n\nBy ${b.author}. Finished in ${2019 + (i % 6)}.\n\n## What I thought\nMy take: ${b.thought}.\n`);
    if (i % 2 === 0) questions.push({ q: `what did I think of ${b.title}`, answers: [path] });
    else questions.push({ q: `my notes on the ${b.author} book`, answers: [path] });
  });

  // Devices, one problem and fix each.
  DEVICES.forEach((d, i) => {
    const path = `Devices/${d.name}.md`;
    notes.set(path, `# ${d.name}\n\nRole: ${d.role}.\n\n## Problem\nSymptom: ${d.issue}.\n\n## Fix\nWhat worked: ${d.fix}.\n`);
    questions.push({ q: i % 2 === 0 ? `how did I fix the ${d.role} problem` : `${d.name} fix`, answers: [path] });
  });

  // Journal filler: many short notes with common words.
  for (let i = 0; i < 150; i++) {
    const date = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    notes.set(`Journal/${date}.md`, `# ${date}\n\n${pick(JOURNAL)} ${pick(JOURNAL)}\n`);
  }
  return { notes, questions };
}
