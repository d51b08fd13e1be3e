/** The words of the plan's action-layer section (workflow and safe n8n setup), in English and Chinese. */
import type { PromptLanguage } from "../../shared/language";
import type { WorkflowKind } from "./main-use";

/** The words of one language. */
export interface SetupWords {
  heading: (use: string) => string;
  intro: string;
  steps: Record<WorkflowKind, string[]>;
  file: (link: string) => string;
  jsonTitle: string;
  setupHeading: string;
  folders: string;
  compose: string;
  composeComments: { port: string; files: string; ollama: string; data: string; vault: string; output: string; tz: string };
  ollamaHeading: string;
  desktop: string;
  linux: string;
  linuxCheck: string;
  bareHeading: string;
  bare: string;
  bareSettings: string;
  importHeading: string;
  importSteps: (credentials: boolean) => string[];
  ssrf: string;
}

/** The words for `lang`. */
export const SETUP_WORDS: Record<PromptLanguage, SetupWords> = {
  en: {
    heading: (use) => (use ? `n8n workflow for ${use}` : "n8n workflow for your main use"),
    intro: "An n8n workflow that runs on your machine with the local model; nothing leaves it.",
    steps: {
      email: ["**Email Trigger (IMAP)**: each new message (your mailbox is left as it is).", "**Ask the local model**: category, a short summary and a draft reply.", "**Append to the digest note**: one note per day in the vault's `n8n` folder. Nothing is sent."],
      notes: ["**Every morning** at 7: **Read notes** from the vault (read-only).", "**Only new or changed notes** go on.", "**Ask the local model** for a digest with open questions and links.", "**Write the digest note** into the vault's `n8n` folder."],
      finance: ["**Every morning** at 8: **Read bank exports** (CSV) from the vault's `finance-inbox` folder.", "**Only new transactions** go on, 20 at a time.", "**Ask the local model** for a category and a note per transaction.", "**Append to the ledger** note in the vault's `n8n` folder."],
      code: ["**Webhook** `POST /webhook/ai-stack-code-review` with `{\"title\", \"diff\"}` (from a git hook or by hand).", "**Ask the local model** for a review.", "**Write the review note** into the vault's `n8n` folder."],
    },
    file: (link) => `Workflow file: ${link}. In n8n: **Workflows → Import from file**, or run **Copy n8n workflow** and paste onto the canvas.`,
    jsonTitle: "Workflow JSON",
    setupHeading: "Set up n8n safely (Docker)",
    folders: "Create the folders the workflow uses (n8n may write only into `n8n`):",
    compose: "Save this as `docker-compose.yml` outside the vault, then run `docker compose up -d` and open http://localhost:5678:",
    composeComments: {
      port: "only this computer can open n8n",
      files: "file nodes may touch only the vault",
      ollama: "lets the container reach Ollama on this computer",
      data: "workflows and credentials survive updates",
      vault: "your notes, read-only",
      output: "the one folder n8n writes into",
      tz: "your time zone, for the schedule",
    },
    ollamaHeading: "Let n8n reach Ollama without exposing it",
    desktop: "**macOS and Windows (Docker Desktop)**: nothing to do; `host.docker.internal` reaches Ollama on 127.0.0.1.",
    linux:
      "**Linux**: Ollama listens on 127.0.0.1 only, which a container cannot reach. Let it listen on every interface and let the firewall admit only Docker's networks (the plugin keeps using 127.0.0.1):",
    linuxCheck: "From another device, `curl http://<this computer's address>:11434` must now fail.",
    bareHeading: "Without Docker",
    bare: "Install and start n8n bound to this computer, with file access limited to the vault:",
    bareSettings: "Then, in the workflow's **Settings** node, set `ollamaUrl` to `http://127.0.0.1:11434` and the folders to your vault's real path.",
    importHeading: "Import and run",
    importSteps: (credentials) => [
      "In n8n: **Workflows → Import from file** and choose the workflow file (or paste it onto the canvas).",
      ...(credentials ? ["Open **Email Trigger (IMAP)** and create the IMAP credential for your mailbox."] : []),
      "Check the **Settings** node (Ollama URL, model, folders), run the workflow once by hand, then activate it.",
    ],
    ssrf: "If you turned on n8n's SSRF protection (`N8N_SSRF_PROTECTION_ENABLED`), also set `N8N_SSRF_ALLOWED_HOSTNAMES=host.docker.internal`.",
  },
  zh: {
    heading: (use) => (use ? `n8n 工作流：${use}` : "主要用途的 n8n 工作流"),
    intro: "在本机运行、使用本地模型的 n8n 工作流，数据不离开本机。",
    steps: {
      email: ["**Email Trigger (IMAP)**：每封新邮件（邮箱保持原样）。", "**Ask the local model**：分类、简短摘要和回复草稿。", "**Append to the digest note**：每天一篇笔记，写入库的 `n8n` 文件夹。不会发送任何邮件。"],
      notes: ["**Every morning** 早上 7 点：从库中 **Read notes**（只读）。", "**Only new or changed notes**：只处理新增或修改过的笔记。", "**Ask the local model**：生成摘要、待解决问题和链接。", "**Write the digest note**：写入库的 `n8n` 文件夹。"],
      finance: ["**Every morning** 早上 8 点：从库的 `finance-inbox` 文件夹 **Read bank exports**（CSV）。", "**Only new transactions**：只处理新交易，每次 20 笔。", "**Ask the local model**：为每笔交易给出类别和说明。", "**Append to the ledger**：追加到库中 `n8n` 文件夹的账本笔记。"],
      code: ["**Webhook** `POST /webhook/ai-stack-code-review`，内容为 `{\"title\", \"diff\"}`（来自 git 钩子或手动发送）。", "**Ask the local model**：审查代码修改。", "**Write the review note**：写入库的 `n8n` 文件夹。"],
    },
    file: (link) => `工作流文件：${link}。在 n8n 中：**Workflows → Import from file**，或运行 **Copy n8n workflow** 后粘贴到画布上。`,
    jsonTitle: "工作流 JSON",
    setupHeading: "安全地部署 n8n（Docker）",
    folders: "创建工作流使用的文件夹（n8n 只能写入 `n8n`）：",
    compose: "把下面的内容保存为库外的 `docker-compose.yml`，运行 `docker compose up -d`，然后打开 http://localhost:5678：",
    composeComments: {
      port: "只有本机能打开 n8n",
      files: "文件节点只能访问库",
      ollama: "让容器访问本机的 Ollama",
      data: "工作流和凭据在升级后保留",
      vault: "你的笔记，只读",
      output: "n8n 唯一可写入的文件夹",
      tz: "你的时区，用于定时触发",
    },
    ollamaHeading: "让 n8n 访问 Ollama，但不暴露到网络",
    desktop: "**macOS 和 Windows（Docker Desktop）**：无需操作；`host.docker.internal` 可访问 127.0.0.1 上的 Ollama。",
    linux: "**Linux**：Ollama 默认只监听 127.0.0.1，容器无法访问。让它监听所有网卡，并用防火墙只放行 Docker 网络（插件继续使用 127.0.0.1）：",
    linuxCheck: "在另一台设备上运行 `curl http://<本机地址>:11434`，此时应当失败。",
    bareHeading: "不使用 Docker",
    bare: "安装并启动只绑定本机、文件访问限制在库内的 n8n：",
    bareSettings: "然后在工作流的 **Settings** 节点中，把 `ollamaUrl` 改为 `http://127.0.0.1:11434`，把文件夹改为库的实际路径。",
    importHeading: "导入并运行",
    importSteps: (credentials) => [
      "在 n8n 中：**Workflows → Import from file**，选择工作流文件（或粘贴到画布上）。",
      ...(credentials ? ["打开 **Email Trigger (IMAP)**，为你的邮箱创建 IMAP 凭据。"] : []),
      "检查 **Settings** 节点（Ollama 地址、模型、文件夹），先手动运行一次，再激活。",
    ],
    ssrf: "如果开启了 n8n 的 SSRF 防护（`N8N_SSRF_PROTECTION_ENABLED`），还需设置 `N8N_SSRF_ALLOWED_HOSTNAMES=host.docker.internal`。",
  },
};
