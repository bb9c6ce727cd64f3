// Reads every payload case of tests/payloads.rs back with fountain-js.
//
// Usage: node check_fountain.js DIR
//
// For each DIR/STEM.meant.json, STEM.fountain must read back as exactly the
// elements bout meant (kinds in order; headings, cues, transitions, action
// and dialogue text), with every title-page field, no element bout did not
// write (centered text, lyrics, sections, synopses and page breaks only
// where bout wrote them, notes only bout's own) and no emphasis: every inline span fountain-js renders is
// checked for <span> and <!-- -->. Exits non-zero listing every disagreement.
'use strict';

const fs = require('fs');
const path = require('path');
const { Fountain, InlineLexer } = require('fountain-js');

const GUARD = '\u2060';
const KEYS = {
  Title: 'title', Credit: 'credit', Author: 'author', Source: 'source',
  Draft: 'draft_date', Contact: 'contact', Copyright: 'copyright', Notes: 'notes',
};
const failures = [];

// bout's emphasis toggles (U+E020-U+E025) in a meant string.
const TOGGLES = /[\ue020-\ue025]/g;

// The characters of a meant string set in italics, bold or underline.
function styledOf(text) {
  const on = [false, false, false];
  let out = '';
  for (const c of String(text ?? '')) {
    const k = c.codePointAt(0) - 0xe020;
    if (k >= 0 && k <= 5) on[Math.floor(k / 2)] = k % 2 === 0;
    else if (on.some(Boolean) && !/\s/.test(c)) out += c;
  }
  return out;
}

// Every emphasised character of the screenplay bout meant, in order.
function meantStyled(value) {
  if (typeof value === 'string') return styledOf(value);
  if (Array.isArray(value)) return value.map(meantStyled).join('');
  if (value && typeof value === 'object') return Object.values(value).map(meantStyled).join('');
  return '';
}

let emphasised = '';

function norm(text) {
  return String(text ?? '')
    .replace(TOGGLES, '')
    .split(GUARD).join('')
    .replace(/\u02c6/g, '^')
    .replace(/[\\*_]/g, '')
    .split(/\s+/).filter(Boolean).join(' ');
}
const normCue = (t) => norm(t).replace(/\[/g, '(').replace(/\]/g, ')');

// The text as fountain-js renders it: no note may appear, and emphasis
// (its <span>s) only where bout meant it (compared after the read).
function rendered(kase, token) {
  const html = InlineLexer.reconstruct(token.text ?? '', token.type === 'action');
  if (/<!--/.test(html)) {
    failures.push(`${kase}: ${token.type} renders a note: ${JSON.stringify(html)}`);
  }
  let depth = 0;
  for (const piece of html.split(/(<[^>]*>)/)) {
    if (/^<span/.test(piece)) depth += 1;
    else if (/^<\/span/.test(piece)) depth -= 1;
    else if (depth > 0 && !piece.startsWith('<')) {
      emphasised += piece
        .replace(/&nbsp;/g, ' ')
        .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
        .replace(/\s/g, '');
    }
  }
  return html
    .replace(/<\/?span[^>]*>/g, '')
    .replace(/<br \/>/g, '\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

const parenOf = (p) => norm(`(${p.replace(/^[()]+|[()]+$/g, '')})`);

// A speech as [cue, parenthetical, text, then each later parenthetical and
// its text]: a parenthetical may stand in the middle of a speech.
function speechOf(s) {
  const paren = s.parenthetical == null ? '' : parenOf(s.parenthetical);
  const out = [normCue(s.cue), paren, norm(s.text)];
  for (const [p, t] of s.more ?? []) out.push(parenOf(p), norm(t));
  return out;
}

function read(kase, source) {
  const { tokens } = new Fountain().parse(source, true);
  const got = [];
  const title = {};
  let speech = null;
  let dual = null;
  for (const t of tokens) {
    switch (t.type) {
      case 'title': case 'credit': case 'author': case 'authors': case 'source':
      case 'draft_date': case 'date': case 'contact': case 'copyright': case 'notes':
      case 'revision':
        if (t.is_title) { title[t.type] = rendered(kase, t); break; }
        got.push([t.type, '']);
        break;
      case 'scene_heading': got.push(['Slug', norm(rendered(kase, t))]); break;
      case 'transition': got.push(['Transition', norm(rendered(kase, t))]); break;
      case 'action': got.push(['Action', norm(rendered(kase, t))]); break;
      case 'dual_dialogue_begin': dual = []; break;
      case 'dual_dialogue_end': got.push(['DualDialog', dual]); dual = null; break;
      case 'dialogue_begin': speech = { cue: '', paren: '', text: [], parts: [] }; break;
      case 'character': speech.cue = normCue(rendered(kase, t)); break;
      case 'parenthetical':
        // One after the dialogue starts a later part of the speech.
        if (speech.text.length || speech.parts.length) {
          speech.parts.push([norm(rendered(kase, t)), []]);
        } else if (speech.paren) {
          failures.push(`${kase}: two parentheticals in a row: ${JSON.stringify(t.text)}`);
        } else {
          speech.paren = norm(rendered(kase, t));
        }
        break;
      case 'dialogue':
        if (speech.parts.length) speech.parts[speech.parts.length - 1][1].push(rendered(kase, t));
        else speech.text.push(rendered(kase, t));
        break;
      case 'dialogue_end': {
        const s = [speech.cue, speech.paren, norm(speech.text.join('\n'))];
        for (const [p, lines] of speech.parts) s.push(p, norm(lines.join('\n')));
        if (dual) dual.push(s); else got.push(['Dialog', s]);
        speech = null;
        break;
      }
      case 'centered': case 'lyrics': case 'section': case 'synopsis':
        got.push([t.type, norm(rendered(kase, t))]);
        break;
      case 'page_break': got.push(['page_break', '']); break;
      case 'note': break; // bout's own notes (checked below by count)
      case 'spaces': break;
      default: got.push([t.type, t.text ?? '']);
    }
  }
  return { got, title, notes: tokens.filter((t) => t.type === 'note').length };
}

function main(dir) {
  const cases = fs.readdirSync(dir).filter((f) => f.endsWith('.meant.json')).sort();
  if (!cases.length) throw new Error(`no cases in ${dir}`);
  for (const file of cases) {
    const stem = path.join(dir, file.slice(0, -'.meant.json'.length));
    const meant = JSON.parse(fs.readFileSync(`${stem}.meant.json`, 'utf8'));
    const kase = `${path.basename(stem)} ${JSON.stringify(meant.payload)}`;
    emphasised = '';
    const { got, title, notes } = read(kase, fs.readFileSync(`${stem}.fountain`, 'utf8'));
    // fountain-js reads the title page first.
    const wantStyled = meant.title_page.map(([, v]) => styledOf(v)).join('') + meantStyled(meant.elements);
    if (emphasised !== wantStyled) {
      failures.push(`${kase}: emphasis on ${JSON.stringify(emphasised)}, meant on ${JSON.stringify(wantStyled)}`);
    }
    const want = [];
    for (const e of meant.elements) {
      // `FADE IN:` is forced action (`!FADE IN:`), set flush left.
      if (e.kind === 'Transition' && e.opening) want.push(['Action', norm(e.text)]);
      else if (e.kind === 'Slug' || e.kind === 'Transition') want.push([e.kind, norm(e.text)]);
      else if (e.kind === 'Action' || e.kind === 'Shot') want.push(['Action', norm(e.text)]);
      else if (e.kind === 'Dialog') want.push(['Dialog', speechOf(e.speech)]);
      else if (e.kind === 'DualDialog') want.push(['DualDialog', [speechOf(e.left), speechOf(e.right)]]);
      // fountain-js takes every `<` and `>` (and the spaces around them)
      // out of centred text, escaped or not: a limit of the reader.
      else if (e.kind === 'Centered') want.push(['centered', norm(e.text.replace(/[^\S\n]*[><][^\S\n]*/g, ''))]);
      else if (e.kind === 'Lyric') want.push(['lyrics', norm(e.text)]);
      else if (e.kind === 'Section') want.push(['section', norm(e.text)]);
      else if (e.kind === 'Synopsis') want.push(['synopsis', norm(e.text)]);
      else if (e.kind === 'PageBreak') want.push(['page_break', '']);
    }
    const a = JSON.stringify(got);
    const b = JSON.stringify(want);
    if (a !== b) {
      const i = got.findIndex((g, k) => JSON.stringify(g) !== JSON.stringify(want[k]));
      failures.push(`${kase}: element ${i + 1} reads ${JSON.stringify(got[i])}, meant ${JSON.stringify(want[i])} (${got.length} read, ${want.length} meant)`);
    }
    if (notes !== meant.notes) failures.push(`${kase}: ${notes} notes, ${meant.notes} meant`);
    for (const [key, value] of meant.title_page) {
      const k = KEYS[key];
      if (!(k in title)) failures.push(`${kase}: title page lost ${k}: ${Object.keys(title)}`);
      else if (norm(title[k]) !== norm(value)) {
        failures.push(`${kase}: title page ${k} reads ${JSON.stringify(title[k])}, meant ${JSON.stringify(value)}`);
      }
    }
    if (Object.keys(title).length !== meant.title_page.length) {
      failures.push(`${kase}: title page keys ${Object.keys(title)}`);
    }
  }
  if (failures.length) {
    console.error(failures.join('\n'));
    process.exit(1);
  }
  console.log(`ok: ${cases.length} cases read back by fountain-js`);
}

main(process.argv[2]);
