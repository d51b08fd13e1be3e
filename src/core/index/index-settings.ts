/** The vault index's view of the plugin settings (pure). */
import type { ExclusionRules } from "./exclusions";
import type { PlannerSettings } from "../shared/settings";

/**
 * What is never indexed, from settings: folders, tags, the frontmatter key and the plans folder,
 * plus Obsidian's own "Excluded files" (`ignoreFilters`) unless the user turned that off.
 */
export function exclusionRulesFromSettings(settings: PlannerSettings, ignoreFilters: readonly string[] = []): ExclusionRules {
  return {
    ignoreFilters: settings.indexHonourExcludedFiles ? [...ignoreFilters] : [],
    folders: settings.indexExcludedFolders,
    tags: settings.indexExcludedTags,
    frontmatterKey: settings.indexExcludeKey,
    plansFolder: settings.plansFolder,
    excludePlansFolder: settings.indexExcludePlansFolder,
  };
}
