// The bout extension: starts `bout lsp` for `.bout` files.
//
// The server gives diagnostics, hover (with the fight's state at every
// event), inlay clocks, completion, definition, references, rename,
// outline, formatting and quick fixes; highlighting comes from the
// TextMate grammar in syntaxes/ (generated from bout's own word tables).

const { spawnSync } = require('child_process');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('bout');
  const command = config.get('path') || 'bout';
  const probe = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    vscode.window.showErrorMessage(
      `bout was not found (\`${command}\`): install it with \`cargo install --locked --path .\` ` +
        'in a clone of bout, or set `bout.path` to the executable.',
    );
    return;
  }
  const serverOptions = { command, args: ['lsp'], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [{ language: 'bout' }],
    initializationOptions: { inlayHints: config.get('inlayHints') },
    synchronize: {
      configurationSection: 'bout',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/bout.toml'),
    },
  };
  client = new LanguageClient('bout', 'bout', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
