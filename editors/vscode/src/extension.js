// The VS Code client: starts `kpidsl lsp` over stdio for .kpi files.
// Settings: kpidsl.lang (th|en, the language of messages) and kpidsl.path
// (the kpidsl command). A change of kpidsl.path restarts the server; a change
// of kpidsl.lang reaches it as workspace/didChangeConfiguration.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function settings() {
  const config = vscode.workspace.getConfiguration("kpidsl");
  return { lang: config.get("lang", "th"), path: config.get("path", "kpidsl") };
}

async function start() {
  const { lang, path } = settings();
  const serverOptions = { command: path, args: ["lsp", "--lang", lang], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "kpi" }],
    initializationOptions: { kpidsl: { lang } },
    synchronize: {
      configurationSection: "kpidsl",
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.kpi"),
    },
  };
  client = new LanguageClient("kpidsl", "kpidsl", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    vscode.window.showErrorMessage(
      `kpidsl: cannot start \`${path} lsp\` (${err.message || err}). ` +
        "Install it with pip install 'kpidsl[lsp]' or set kpidsl.path."
    );
  }
}

async function activate(context) {
  await start();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("kpidsl.path")) {
        if (client) await client.stop();
        await start();
      }
    })
  );
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
