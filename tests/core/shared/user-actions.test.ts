import { plannerErrors, userMessage } from "../../../src/core/shared/errors";
import { checkOllamaHost } from "../../../src/core/shared/host-policy";
import { embedErrorIn, embedErrors, EmbedError } from "../../../src/core/index/index-errors";
import { actionText, IN_PLUGIN, type MessageContext } from "../../../src/core/shared/user-actions";

const CLI: MessageContext = { surface: "cli", vaultDir: "/home/me/My vault" };

describe("actionText", () => {
  test.each([
    ["index-vault", IN_PLUGIN, 'run "Index vault now"'],
    ["index-vault", CLI, 'run `npm run cli -- index --vault "/home/me/My vault"`'],
    ["index-vault", { surface: "cli" }, "run `npm run cli -- index --vault <dir>`"],
    ["rebuild-index", IN_PLUGIN, 'run "Rebuild index"'],
    ["rebuild-index", CLI, 'run `npm run cli -- index --vault "/home/me/My vault" --rebuild`'],
    ["allow-remote", IN_PLUGIN, 'turn on "Allow a non-local Ollama host" in settings'],
    ["allow-remote", CLI, 'pass --allow-remote (or turn on "Allow a non-local Ollama host" in the plugin settings)'],
    ["pick-chat-model", CLI, "pass --model with an installed model"],
    ["pick-embedding-model", IN_PLUGIN, "pick an installed embedding model in settings"],
  ] as const)("%s in %j", (action, context, expected) => {
    expect(actionText(action, context)).toBe(expected);
  });

  test("Chinese keeps the command in the CLI and the command name in the plugin", () => {
    expect(actionText("index-vault", IN_PLUGIN, "zh")).toBe("运行“立即索引库”");
    expect(actionText("index-vault", CLI, "zh")).toBe('运行 `npm run cli -- index --vault "/home/me/My vault"`');
  });
});

describe("messages worded for where the user is", () => {
  test("without a context (or in the plugin) a message keeps the plugin's wording", () => {
    const error = embedErrors.wrongDimensions("nomic-embed-text", 768, 1024);
    expect(error.message).toBe('Ollama returned 768-dimensional vectors from "nomic-embed-text", but the index holds 1024-dimensional ones. Indexing is paused; if you switched models, run "Rebuild index".');
    expect(userMessage(error)).toBe(error.message);
    expect(userMessage(error, IN_PLUGIN)).toBe(error.message);
  });

  test("wrong-size vectors in the CLI name the rebuild flag", () => {
    expect(userMessage(embedErrors.wrongDimensions("m", 768, 1024), CLI)).toBe(
      'Ollama returned 768-dimensional vectors from "m", but the index holds 1024-dimensional ones. Indexing is paused; if you switched models, run `npm run cli -- index --vault "/home/me/My vault" --rebuild`.',
    );
    expect(userMessage(embedErrors.wrongDimensions("m", 768, 1024), { ...CLI, activity: "search" })).toMatch(/ones\. If you switched models, run `npm run cli -- index/);
  });

  test("Ollama down: indexing resumes, a search or a plan's look-up does not", () => {
    const error = embedErrors.unreachable("http://127.0.0.1:11434");
    expect(userMessage(error, { ...CLI, activity: "index" })).toBe("Ollama isn't reachable at http://127.0.0.1:11434. Start it with `ollama serve`; indexing resumes where it stopped.");
    expect(userMessage(error, { ...CLI, activity: "search" })).toBe("Ollama isn't reachable at http://127.0.0.1:11434. Start it with `ollama serve` and try again.");
    expect(userMessage(error, { surface: "plugin", activity: "plan" })).not.toContain("indexing");
  });

  test("another model than the index's is not called an Ollama error", () => {
    const error = embedErrors.otherModel("nomic-embed-text:latest", "mxbai-embed-large");
    expect(error.message).toBe('The index was built with "nomic-embed-text:latest", not "mxbai-embed-large". Run "Rebuild index" to rebuild it for the new model.');
    expect(userMessage(error, CLI)).not.toMatch(/Ollama|Rebuild index/);
  });

  test("a chat model that is missing names --model in the CLI", () => {
    expect(userMessage(plannerErrors.modelMissing("qwen2.5:14b"), CLI)).toBe("The model \"qwen2.5:14b\" isn't installed in Ollama. Run `ollama pull qwen2.5:14b`, or pass --model with an installed model.");
    expect(plannerErrors.modelMissing("qwen2.5:14b").message).toContain("or pick an installed model in settings.");
  });

  test("a refused remote host names --allow-remote in the CLI and the setting in the plugin", () => {
    expect(checkOllamaHost("192.168.1.20", false).error).toMatch(/^192\.168\.1\.20:11434 is not this computer\. Turn on "Allow a non-local Ollama host" in settings to use it\./);
    expect(checkOllamaHost("192.168.1.20", false, CLI).error).toMatch(/^192\.168\.1\.20:11434 is not this computer\. Pass --allow-remote \(or turn on "Allow a non-local Ollama host" in the plugin settings\) to use it\./);
    expect(checkOllamaHost("", false, CLI).error).toBe("The Ollama host is empty. Pass --host (or set OLLAMA_HOST), for example http://127.0.0.1:11434.");
  });

  test("embedErrorIn re-words an EmbedError and leaves anything else alone", () => {
    const reworded = embedErrorIn(embedErrors.modelMissing("e"), CLI);
    expect(reworded).toBeInstanceOf(EmbedError);
    expect((reworded as EmbedError).message).toContain("pass --embed-model");
    expect((reworded as EmbedError).fault).toBe("model-missing");
    const other = new Error("disk");
    expect(embedErrorIn(other, CLI)).toBe(other);
  });
});
