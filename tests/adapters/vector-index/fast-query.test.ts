/**
 * The int8 first pass (WebAssembly SIMD kernel) with exact re-scoring must answer like the full
 * float32 scan: same chunks, same scores, pending (WAL) changes included and masked rows hidden.
 */
import fc from "fast-check";
import { promises as fs } from "node:fs";
import { int8Kernel } from "../../../src/adapters/vector-index/int8-kernel";
import { QuantizedRows, quantizeInto } from "../../../src/adapters/vector-index/quantized";
import { makeNote, openStore, put, randomVector, seeded, tempRoot } from "./store-helpers";

describe("int8 kernel", () => {
  it("computes the same dot products as a plain loop, for any int8 rows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 9 }), fc.integer(), (blocks, count, seed) => {
        const stride = blocks * 16;
        const padded = count + (count % 2);
        const kernel = int8Kernel(padded * stride + stride + padded * 4);
        if (!kernel) throw new Error("WebAssembly SIMD is missing in this Node");
        const random = seeded(seed);
        const bytes = new Int8Array(kernel.memory.buffer);
        const queryAt = padded * stride;
        for (let i = 0; i < count * stride; i++) bytes[i] = Math.floor(random() * 256) - 128;
        for (let i = queryAt; i < queryAt + stride; i++) bytes[i] = Math.floor(random() * 256) - 128;
        kernel.dots(0, count, stride, queryAt, queryAt + stride);
        const got = [...new Int32Array(kernel.memory.buffer, queryAt + stride, count)];
        const want = Array.from({ length: count }, (_, r) => {
          let s = 0;
          for (let j = 0; j < stride; j++) s += bytes[r * stride + j] * bytes[queryAt + j];
          return s;
        });
        expect(got).toEqual(want);
      }),
    );
  });

  it("ranks quantized rows like their cosine, to within a small error", () => {
    const random = seeded(7);
    const dims = 50; // not a multiple of 16: rows are zero-padded
    const rows = Array.from({ length: 40 }, () => randomVector(random, dims));
    const matrix = new Float32Array(rows.length * dims);
    rows.forEach((r, i) => matrix.set(r, i * dims));
    const inverse = Float32Array.from(rows, (r) => 1 / Math.hypot(...r));
    const q = QuantizedRows.build(matrix, inverse, rows.length, dims);
    expect(q).not.toBeNull();
    const query = randomVector(random, dims);
    const codes = new Int8Array(dims);
    const scale = quantizeInto(query, 0, dims, codes, 0);
    const dots = q?.dots(codes) ?? new Int32Array(0);
    const qn = Math.hypot(...query);
    rows.forEach((r, i) => {
      const exact = r.reduce((s, x, j) => s + x * query[j], 0) * inverse[i] / qn;
      const approx = (dots[i] * (q?.factors[i] ?? 0) * scale) / qn;
      expect(Math.abs(approx - exact)).toBeLessThan(0.02);
    });
  });
});

describe("VectorStore.query (int8 first pass)", () => {
  it("returns what the exact scan returns, with changes both compacted and pending", async () => {
    const root = await tempRoot();
    try {
      const random = seeded(42);
      const { store } = await openStore(root, { compactAfterChunks: 1_000_000 });
      const dims = 64;
      await store.apply(Array.from({ length: 300 }, (_, i) => put(makeNote(`Notes/n${i}.md`, 4, dims, random))));
      await store.compact();
      // Pending changes: replaced notes (their old rows must be hidden), removals and new notes.
      await store.apply([
        ...Array.from({ length: 20 }, (_, i) => put(makeNote(`Notes/n${i * 7}.md`, 3, dims, random, 2))),
        { kind: "remove", path: "Notes/n5.md" },
        put(makeNote("Notes/new.md", 2, dims, random)),
      ]);
      for (let i = 0; i < 30; i++) {
        const query = i % 3 === 0 ? store.vectorsOf(`Notes/n${i * 7}.md`)[0].vector : randomVector(random, dims);
        for (const k of [1, 8, 20]) expect(store.query(query, k)).toEqual(store.queryExact(query, k));
      }
      expect(store.query(new Float32Array(dims), 8)).toEqual([]);
      await store.close();
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
