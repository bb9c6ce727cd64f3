// Reads two Fountain files with fountain-js and says whether they hold the
// same screenplay: the same tokens in order (boneyard and `spaces` tokens
// aside), with the same text, and the same title page.
//
// Usage: node roundtrip_fountain.js ORIGINAL.fountain BACK.fountain
//
// Text is compared as fountain-js renders it (emphasis as its <span>s),
// with runs of white space as one space and without bout's invisible
// U+2060 guards; scene headings and transitions in upper case (bout prints
// them so; Fountain readers match them without case). Exits non-zero
// listing the first differences.
'use strict';

const fs = require('fs');
const { Fountain, InlineLexer } = require('fountain-js');

const GUARD = '\u2060';

function text(token) {
  const html = InlineLexer.reconstruct(String(token.text ?? ''), token.type === 'action');
  let t = html.split(GUARD).join('').split('&#8288;').join('').split(/\s+/).filter(Boolean).join(' ');
  if (['scene_heading', 'transition', 'character'].includes(token.type)) t = t.toUpperCase();
  return t;
}

function read(path) {
  const { tokens } = new Fountain().parse(fs.readFileSync(path, 'utf8'), true);
  const title = {};
  const body = [];
  for (const t of tokens) {
    if (t.is_title) {
      // `Author` and `Authors` are one key to Fountain.
      title[t.type === 'authors' ? 'author' : t.type] = text(t);
      continue;
    }
    if (t.type === 'spaces' || t.type === 'boneyard_begin' || t.type === 'boneyard_end') continue;
    const extra = t.type === 'scene_heading' ? ` #${t.scene_number ?? ''}#` : t.type === 'section' ? ` depth ${t.depth}` : '';
    body.push(`${t.type}${extra}: ${text(t)}`);
  }
  return { title, body };
}

const [a, b] = [read(process.argv[2]), read(process.argv[3])];
const problems = [];
const ta = JSON.stringify(a.title);
const tb = JSON.stringify(b.title);
if (ta !== tb) problems.push(`title page: ${ta} != ${tb}`);
for (let i = 0; i < Math.max(a.body.length, b.body.length); i++) {
  if (a.body[i] !== b.body[i]) problems.push(`token ${i}: ${JSON.stringify(a.body[i])} != ${JSON.stringify(b.body[i])}`);
}
if (problems.length) {
  console.log(problems.slice(0, 10).join('\n'));
  process.exit(1);
}
console.log(`same screenplay: ${a.body.length} tokens`);
