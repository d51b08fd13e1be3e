/** A button with a `setIcon` icon before its text: the panel's one button style. */
import { setIcon } from "obsidian";

export function iconButton(parent: HTMLElement, text: string, icon: string, cls: string): HTMLButtonElement {
  const button = parent.createEl("button", { cls });
  setIcon(button.createSpan({ cls: "ai-stack-planner-button-icon" }), icon);
  button.createSpan({ text });
  return button;
}
