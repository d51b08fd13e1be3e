/** The modal that confirms tier, hardware and uses before a plan is generated. */
import { Modal, Setting, type App } from "obsidian";
import type { Tier } from "../../core/shared/language";

export interface PlanRequest {
  tier: Tier;
  hardware: string;
  usage: string;
}

/** Shows the request prefilled from settings; `onSubmit` runs once if the user confirms. */
export class PlanModal extends Modal {
  private submitted = false;

  constructor(
    app: App,
    private readonly initial: PlanRequest,
    private readonly onSubmit: (request: PlanRequest) => void,
  ) {
    super(app);
  }

  onOpen(): void {
    const { contentEl } = this;
    contentEl.empty();
    contentEl.addClass("ai-stack-planner-modal");
    this.setTitle("Generate a stack plan");

    let tierSelect: HTMLSelectElement | undefined;
    new Setting(contentEl)
      .setName("Tier")
      .setDesc("Basic: the simplest local runtime. Pro: compute, memory and action layers.")
      .addDropdown((dropdown) => {
        dropdown.addOption("basic", "Basic").addOption("pro", "Pro").setValue(this.initial.tier);
        tierSelect = dropdown.selectEl;
        tierSelect.addClass("ai-stack-planner-tier");
      });

    const hardware = this.textArea(contentEl, "Hardware", "Device, GPU and VRAM, system RAM.", "PC, RTX 4090 24GB VRAM, 64GB RAM", this.initial.hardware, "ai-stack-planner-hardware");
    const usage = this.textArea(contentEl, "Main uses", "What the stack should do for you.", "Personal knowledge base, email replies", this.initial.usage, "ai-stack-planner-usage");

    const submit = () => {
      if (this.submitted) return;
      this.submitted = true;
      const tier: Tier = tierSelect?.value === "basic" ? "basic" : "pro";
      this.close();
      this.onSubmit({ tier, hardware: hardware.value.trim(), usage: usage.value.trim() });
    };

    new Setting(contentEl).addButton((button) => {
      button.setButtonText("Generate").setCta();
      button.buttonEl.addClass("ai-stack-planner-generate");
      button.buttonEl.addEventListener("click", submit);
    });
    this.scope.register(["Mod"], "Enter", (evt) => {
      evt.preventDefault();
      submit();
      return false;
    });
    hardware.focus();
  }

  onClose(): void {
    this.contentEl.empty();
  }

  private textArea(container: HTMLElement, name: string, desc: string, placeholder: string, value: string, cls: string): HTMLTextAreaElement {
    let el: HTMLTextAreaElement | undefined;
    new Setting(container)
      .setName(name)
      .setDesc(desc)
      .addTextArea((area) => {
        area.setPlaceholder(placeholder).setValue(value);
        area.inputEl.rows = 3;
        area.inputEl.addClass(cls);
        el = area.inputEl;
      });
    if (!el) throw new Error("Setting did not create a text area");
    return el;
  }
}
