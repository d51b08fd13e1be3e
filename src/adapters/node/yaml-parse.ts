/** The note-properties YAML parser for the CLI and tests: the `yaml` package, errors thrown, warnings silent. */
import { parse } from "yaml";
import type { YamlParse } from "../../core/index/note-properties";

/** Parses YAML 1.2 (duplicate keys are an error); throws on anything invalid. */
export const parseYamlStrict: YamlParse = (text) => parse(text, { logLevel: "error" }) as unknown;
