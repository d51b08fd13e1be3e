/**
 * Runs the fake Ollama server on its own, for trying the CLI or the plugin without a real Ollama:
 *   npm run fake-ollama -- [--port 11434]
 * It answers every chat with a canned Pro-style plan. Stop it with Ctrl+C.
 */
import { parseArgs } from "node:util";
import { FakeOllama } from "./fake-ollama";

const SAMPLE_PLAN = `## Compute
- Runtime: **Ollama** (open source, self-hosted).
- Models: \`qwen2.5:14b\` (Q4_K_M, ~9 GB VRAM) for finance and email; \`llama3.2:3b\` on the laptop.

## Memory
- Vector DB: **Qdrant** in Docker, embeddings from \`nomic-embed-text\`.

## Action
- **n8n** (self-hosted): IMAP trigger → summarise with Ollama → save a draft reply.

## Difficulty and bottlenecks
- Difficulty: moderate (Docker, one afternoon).
- Bottleneck: 24 GB VRAM limits you to ~32B models at Q4 with a short context.
`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string", default: "11434" } } });
  const fake = await FakeOllama.start({ port: Number(values.port), reply: SAMPLE_PLAN, chunkDelayMs: 5 });
  process.stdout.write(`Fake Ollama listening at ${fake.url} (Ctrl+C to stop)\n`);
  process.once("SIGINT", () => void fake.close().then(() => process.exit(0)));
  process.once("SIGTERM", () => void fake.close().then(() => process.exit(0)));
}

void main();
