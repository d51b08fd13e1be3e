/**
 * Jest stand-in for `uuid` (v13 is ESM-only and ts-jest runs CommonJS). vectra only calls v4(),
 * for item ids it is not given; crypto.randomUUID is the same thing.
 */
import { randomUUID } from "node:crypto";

export function v4(): string {
  return randomUUID();
}
