// Tokenizes files with the extension's TextMate grammar, as VS Code does
// (vscode-textmate over Oniguruma), and prints the tokens as JSON:
// [{ file, lines: [[{ start, end, scopes }...]...] }...].
// tests/highlighting.rs compares them with tree-sitter's captures and the
// language server's semantic tokens.
//
//   node test/tokenize.js FILE...

const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

async function main() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (scope !== 'source.bout') return null;
      const file = path.join(__dirname, '..', 'syntaxes', 'bout.tmLanguage.json');
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  const grammar = await registry.loadGrammar('source.bout');
  const out = [];
  for (const file of process.argv.slice(2)) {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    let state = vsctm.INITIAL;
    const lines = [];
    for (const line of text.split(/\r\n|\n|\r/)) {
      const result = grammar.tokenizeLine(line, state);
      lines.push(result.tokens.map((t) => ({ start: t.startIndex, end: t.endIndex, scopes: t.scopes })));
      state = result.ruleStack;
    }
    out.push({ file, lines });
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
