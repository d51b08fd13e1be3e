/** The one rule for Ollama model names: a name without a tag means `:latest`, case does not matter. */

/** The comparable form of a model name: tagged (`name:latest` when no tag is given) and lower-case. */
export function modelKey(name: string): string {
  const trimmed = name.trim();
  return (trimmed.includes(":") ? trimmed : `${trimmed}:latest`).toLowerCase();
}

/** True when `a` and `b` name the same model (`llama3.2` and `llama3.2:latest` do). */
export function sameModel(a: string, b: string): boolean {
  return modelKey(a) === modelKey(b);
}
