/** The small interfaces the core needs from the outside world; adapters implement them. */

/** A model installed in Ollama, as far as planning needs to know. */
export interface InstalledModel {
  name: string;
  family?: string;
  parameterSize?: string;
  quantization?: string;
  sizeBytes?: number;
  /** False for embedding-only models, which cannot chat. */
  canChat: boolean;
  /** What /api/show added (hardware-aware planning), when it was asked. */
  show?: ModelShowFacts;
}

/** A model's size and attention layout from /api/show (`details`, `model_info`); missing stays undefined. */
export interface ModelShowFacts {
  architecture?: string;
  parameterCount?: number;
  contextLength?: number;
  layers?: number;
  kvHeads?: number;
  headDim?: number;
  quantization?: string;
}

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** Sent as options.num_ctx. */
  contextTokens: number;
  /** Ask a reasoning model to send its thinking apart from the answer (Ollama's `think`). */
  think?: boolean;
}

/** The final statistics of a chat stream, from Ollama's done chunk. */
export interface ChatResult {
  text: string;
  /** Thinking the server sent apart (`message.thinking`); empty when none. */
  thinking?: string;
  doneReason?: string;
  promptTokens: number | null;
  answerTokens: number | null;
  /** Nanoseconds the model spent writing the answer. */
  evalDurationNs: number | null;
}

/** A language model server (Ollama). Errors thrown are `PlannerError`s with user-facing messages. */
export interface LlmPort {
  /** The host as the user configured it, for messages. */
  readonly hostLabel: string;
  listModels(signal?: AbortSignal): Promise<InstalledModel[]>;
  /** The server's version string (`/api/version`). */
  version(signal?: AbortSignal): Promise<string>;
  /** Names of the models loaded in memory now (`/api/ps`). */
  loadedModels(signal?: AbortSignal): Promise<string[]>;
  /**
   * Streams a chat answer; `onChunk` gets each piece of text as it arrives. Aborting `signal`
   * cancels the HTTP request and rejects with an `aborted` PlannerError.
   */
  /** Streams an answer; `onThinking` gets the thinking a reasoning model sends apart, if any. */
  chat(request: ChatRequest, onChunk: (chunk: string) => void, signal: AbortSignal, onThinking?: (chunk: string) => void): Promise<ChatResult>;
  /** Size and attention layout of an installed model (`/api/show`), for the fit calculator. */
  showModel?(name: string, signal?: AbortSignal): Promise<ModelShowFacts>;
  /** Downloads a model (`/api/pull`), reporting bytes done of the current layer. */
  pullModel?(name: string, onProgress: (progress: PullProgress) => void, signal: AbortSignal): Promise<void>;
}

/** One progress line of `/api/pull`. */
export interface PullProgress {
  status: string;
  completed?: number;
  total?: number;
}

/** The vault, addressed by vault-relative paths with forward slashes. */
export interface VaultPort {
  /** True when a file or folder exists at `path` (case-insensitively, as on macOS and Windows). */
  exists(path: string): Promise<boolean>;
  /** Creates the folder and its parents if missing. */
  ensureFolder(path: string): Promise<void>;
  /** Creates a new note; must fail rather than overwrite an existing one. */
  createNote(path: string, content: string): Promise<void>;
}
