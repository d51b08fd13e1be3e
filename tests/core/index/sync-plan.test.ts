import { analyzeNote as analyzeWith, chunkerSignature } from "../../../src/core/index/chunking";
import { DEFAULT_EXCLUSION_RULES, type ExclusionRules } from "../../../src/core/index/exclusions";
import { chunksToEmbed, describeRebuild, planSync, rebuildReason, scanPaths, SyncResolver, type IndexedNote, type IndexSnapshot, type SyncOp, type SyncTarget, type VaultFileInfo } from "../../../src/core/index/sync-plan";
import { parseYamlStrict } from "../../../src/adapters/node/yaml-parse";

/** The analysis as the CLI and the plugin run it: with a real YAML parser. */
const analyzeNote = (path: string, content: string) => analyzeWith(path, content, undefined, parseYamlStrict);

const CHUNKER = chunkerSignature();
const MODEL = "nomic-embed-text";

type Vault = Record<string, { content: string; mtime: number }>;

function listing(vault: Vault): VaultFileInfo[] {
  return Object.entries(vault).map(([path, f]) => ({ path, mtime: f.mtime, size: new TextEncoder().encode(f.content).length }));
}

/** The index as a fresh build of `vault` would leave it. */
function indexOf(vault: Vault, rules: ExclusionRules = DEFAULT_EXCLUSION_RULES, model = MODEL, dims = 768): IndexSnapshot {
  const target: SyncTarget = { model, chunker: CHUNKER, rules };
  const empty: IndexSnapshot = { model, dims: 0, chunker: CHUNKER, notes: new Map() };
  const plan = planSync(empty, listing(vault), target, (p) => analyzeNote(p, vault[p].content));
  const notes = new Map<string, IndexedNote>();
  for (const op of plan.ops) {
    if (op.kind !== "put") continue;
    notes.set(op.path, { path: op.path, mtime: op.stat.mtime, size: op.stat.size, contentHash: op.analysis.contentHash, tags: op.analysis.metadata.tags, chunkHashes: op.analysis.chunks.map((c) => c.hash) });
  }
  return { model, dims, chunker: CHUNKER, notes };
}

function summary(ops: readonly SyncOp[]): string[] {
  return ops.map((op) => {
    if (op.kind === "put") return `put ${op.path} (${op.reason}${op.reuseFrom && op.reuseFrom !== op.path ? ` from ${op.reuseFrom}` : ""}, embed ${op.embedCount})`;
    if (op.kind === "touch") return `touch ${op.path}`;
    return `remove ${op.path} (${op.reason})`;
  });
}

const BASE: Vault = {
  "Hardware.md": { content: "# PC\nRTX 4090 24 GB\n\n# RAM\n64 GB", mtime: 1 },
  "Uses.md": { content: "# Uses\nNotes and code", mtime: 1 },
  "Ideas/Agents.md": { content: "# Agents\nn8n workflows\n\n# Later\nVoice", mtime: 1 },
};

function plan(vault: Vault, index: IndexSnapshot, target: Partial<SyncTarget> = {}) {
  return planSync(index, listing(vault), { model: MODEL, dims: 768, chunker: CHUNKER, rules: DEFAULT_EXCLUSION_RULES, ...target }, (p) => (vault[p] ? analyzeNote(p, vault[p].content) : null));
}

describe("sync planning", () => {
  const index = indexOf(BASE);

  test.each<[string, (v: Vault) => Vault, string[], number]>([
    ["nothing changed: nothing to do, nothing read", (v) => v, [], 0],
    ["a new note is embedded whole", (v) => ({ ...v, "New.md": { content: "# New\nA\n\n# More\nB", mtime: 5 } }), ["put New.md (new, embed 2)"], 2],
    [
      "an edit re-embeds only the changed chunk",
      (v) => ({ ...v, "Hardware.md": { content: "# PC\nRTX 5090 32 GB\n\n# RAM\n64 GB", mtime: 2 } }),
      ["put Hardware.md (changed, embed 1)"],
      1,
    ],
    ["a touched file with the same content only updates its stat", (v) => ({ ...v, "Uses.md": { ...v["Uses.md"], mtime: 9 } }), ["touch Uses.md"], 0],
    [
      "a rename is re-pathed, nothing embedded",
      (v) => {
        const { "Ideas/Agents.md": moved, ...rest } = v;
        return { ...rest, "Archive/Agents v1.md": { ...moved, mtime: 3 } };
      },
      ["put Archive/Agents v1.md (renamed from Ideas/Agents.md, embed 0)"],
      0,
    ],
    [
      "a delete removes the note",
      (v) => {
        const { "Uses.md": _gone, ...rest } = v;
        return rest;
      },
      ["remove Uses.md (deleted)"],
      0,
    ],
    [
      "a note tagged #private later is removed without embedding",
      (v) => ({ ...v, "Uses.md": { content: "# Uses\nNotes and code #private", mtime: 4 } }),
      ["remove Uses.md (excluded)"],
      0,
    ],
    [
      "a note flagged in frontmatter later is removed",
      (v) => ({ ...v, "Uses.md": { content: "---\nai-stack-planner: exclude\n---\n# Uses\nNotes and code", mtime: 4 } }),
      ["remove Uses.md (excluded)"],
      0,
    ],
    [
      "a note moved into the plans folder is removed, not treated as a rename",
      (v) => {
        const { "Uses.md": moved, ...rest } = v;
        return { ...rest, "AI Stack Plans/Uses.md": moved };
      },
      ["remove Uses.md (deleted)"],
      0,
    ],
    [
      "a new private note is never read into an operation",
      (v) => ({ ...v, "Diary.md": { content: "secret #private", mtime: 5 } }),
      [],
      0,
    ],
  ])("%s", (_name, change, expected, embed) => {
    const result = plan(change(BASE), index);
    expect(summary(result.ops)).toEqual(expected);
    expect(result.embedChunks).toBe(embed);
    expect(result.rebuild).toBeNull();
  });

  test("unchanged notes are not read at all", () => {
    const read = jest.fn((p: string) => analyzeNote(p, BASE[p].content));
    const result = planSync(index, listing(BASE), { model: MODEL, chunker: CHUNKER, rules: DEFAULT_EXCLUSION_RULES }, read);
    expect(read).not.toHaveBeenCalled();
    expect(result.unchanged).toBe(3);
  });

  test("excluding a folder later removes its notes without reading them", () => {
    const rules = { ...DEFAULT_EXCLUSION_RULES, folders: ["Ideas"] };
    const read = jest.fn((p: string) => analyzeNote(p, BASE[p].content));
    const result = planSync(index, listing(BASE), { model: MODEL, chunker: CHUNKER, rules }, read);
    expect(summary(result.ops)).toEqual(["remove Ideas/Agents.md (excluded)"]);
    expect(read).not.toHaveBeenCalled();
  });

  test("a new tag rule removes indexed notes with that tag without reading them", () => {
    const vault: Vault = { ...BASE, "Health.md": { content: "# Health\nsleep #health", mtime: 1 } };
    const before = indexOf(vault);
    const rules = { ...DEFAULT_EXCLUSION_RULES, tags: ["private", "health"] };
    const result = plan(vault, before, { rules });
    expect(summary(result.ops)).toEqual(["remove Health.md (excluded)"]);
  });

  test("a rename with an edit reuses the source's vectors for unchanged chunks", () => {
    const { "Hardware.md": moved, ...rest } = BASE;
    const vault = { ...rest, "Gear/Hardware.md": { content: moved.content.replace("64 GB", "128 GB"), mtime: 6 } };
    // Content differs, so this is a delete plus a new note: only exact-content renames are re-pathed.
    expect(summary(plan(vault, index).ops)).toEqual(["put Gear/Hardware.md (new, embed 2)", "remove Hardware.md (deleted)"]);
  });

  test("two identical notes renamed at once pair up one to one", () => {
    const vault: Vault = { "A.md": { content: "same", mtime: 1 }, "B.md": { content: "same", mtime: 1 } };
    const before = indexOf(vault);
    const after: Vault = { "C.md": { content: "same", mtime: 2 }, "D.md": { content: "same", mtime: 2 } };
    expect(summary(plan(after, before).ops)).toEqual(["put C.md (renamed from A.md, embed 0)", "put D.md (renamed from B.md, embed 0)"]);
  });

  test("an unreadable note (gone between listing and reading) is skipped", () => {
    const vault: Vault = { ...BASE, "Gone.md": { content: "x", mtime: 1 } };
    const result = planSync(index, listing(vault), { model: MODEL, chunker: CHUNKER, rules: DEFAULT_EXCLUSION_RULES }, (p) => (p === "Gone.md" ? null : analyzeNote(p, vault[p].content)));
    expect(result.ops).toEqual([]);
  });
});

describe("rebuilds", () => {
  const index = indexOf(BASE);

  test.each<[string, Partial<SyncTarget>, string | null]>([
    ["same model", {}, null],
    ["another model", { model: "mxbai-embed-large" }, "model"],
    ["other dimensions", { dims: 1024 }, "dims"],
    ["unknown dimensions", { dims: undefined }, null],
    ["another chunker", { chunker: "md-v2/400/40/2000" }, "chunker"],
  ])("%s → %s", (_name, target, kind) => {
    const reason = rebuildReason(index, { model: MODEL, dims: 768, chunker: CHUNKER, rules: DEFAULT_EXCLUSION_RULES, ...target });
    expect(reason?.kind ?? null).toBe(kind);
  });

  test("a rebuild re-embeds everything: no vector of the old model is reused", () => {
    const result = plan(BASE, index, { model: "mxbai-embed-large" });
    expect(result.rebuild).toEqual({ kind: "model", from: MODEL, to: "mxbai-embed-large" });
    expect(summary(result.ops)).toEqual(["put Hardware.md (new, embed 2)", "put Uses.md (new, embed 1)", "put Ideas/Agents.md (new, embed 2)"]);
    expect(result.embedChunks).toBe(5);
  });

  test("an empty index never needs a rebuild", () => {
    expect(rebuildReason({ model: "other", dims: 0, chunker: "x", notes: new Map() }, { model: MODEL, chunker: CHUNKER, rules: DEFAULT_EXCLUSION_RULES })).toBeNull();
  });

  test("the user is told why", () => {
    expect(describeRebuild({ kind: "model", from: "a", to: "b" })).toBe('The embedding model changed from "a" to "b": the index is rebuilt for the new model.');
    expect(describeRebuild({ kind: "dims", from: 768, to: 1024 })).toContain("1024-dimensional");
  });
});

test("chunksToEmbed treats available hashes as a multiset", () => {
  const chunks = analyzeNote("N.md", "# A\nx\n\n# A\nx\n\n# A\nx").chunks;
  expect(chunks).toHaveLength(3);
  const h = chunks[0].hash;
  expect(chunksToEmbed(chunks, [h, h])).toEqual([false, false, true]);
  expect(chunksToEmbed(chunks, [])).toEqual([true, true, true]);
});

describe("event paths (scanPaths)", () => {
  const index = indexOf(BASE);

  function eventPlan(vault: Vault, paths: string[], rules = DEFAULT_EXCLUSION_RULES) {
    const stats = new Map(listing(vault).map((f) => [f.path, f]));
    const target: SyncTarget = { model: MODEL, chunker: CHUNKER, rules };
    const scan = scanPaths(index, paths, stats, target);
    const resolver = new SyncResolver(index, scan, rules);
    const ops: SyncOp[] = [...scan.removals];
    for (const path of scan.toRead) {
      const op = resolver.resolve(path, analyzeNote(path, vault[path].content));
      if (op) ops.push(op);
    }
    return summary([...ops, ...resolver.finish()]);
  }

  test.each<[string, (v: Vault) => Vault, string[], string[]]>([
    [
      "rename event (old and new path)",
      (v) => {
        const { "Uses.md": moved, ...rest } = v;
        return { ...rest, "Done/Uses.md": moved };
      },
      ["Uses.md", "Done/Uses.md"],
      ["put Done/Uses.md (renamed from Uses.md, embed 0)"],
    ],
    ["modify with the same stat is still read; same content is a touch", (v) => v, ["Uses.md"], ["touch Uses.md"]],
    [
      "delete event",
      (v) => {
        const { "Uses.md": _gone, ...rest } = v;
        return rest;
      },
      ["Uses.md"],
      ["remove Uses.md (deleted)"],
    ],
    ["create in an excluded folder", (v) => ({ ...v, "AI Stack Plans/p.md": { content: "plan", mtime: 1 } }), ["AI Stack Plans/p.md"], []],
    ["unknown path that does not exist", (v) => v, ["Nowhere.md"], []],
  ])("%s", (_name, change, paths, expected) => {
    expect(eventPlan(change(BASE), paths)).toEqual(expected);
  });
});
