import * as fs from 'fs';
import * as path from 'path';
import { Document, isMap, isScalar, parseDocument, Scalar, YAMLMap } from 'yaml';
import { DeckModel } from '../deck/model';
import { DeckSpec } from '../deck/spec';
import { UserError } from '../errors';
import { writeFileAtomic } from '../util/atomic';
import { basisOf, basisToPlain, deckName, parseComments, plainSpaces } from './comments';
import { Figure } from './figures';

/** What `comments init` and `comments stamp` read: the deck as resolved now, and its figures. */
export interface ResolvedDeck {
  spec: DeckSpec;
  model: DeckModel;
  figures: Figure[];
  deckFile: string;
}

const HEADER = [
  ' Konsulentens kommentarer, lysbilde for lysbilde (kommunedeck comments init).',
  '',
  ' Under hver lysbilde-id kan du skrive:',
  '   replace: "…"   teksten vises i stedet for kommunedecks kommentar nederst på lysbildet',
  '   append: "…"    teksten legges til etter kommunedecks kommentar',
  '   notes: "…"     teksten legges i talernotatene (vises ikke på lysbildet)',
  ' generated viser kommunedecks egen kommentar da filen ble laget; den brukes ikke i bygget.',
  ' basis er tallene lysbildet viste da filen ble laget. Når tallene endrer seg (nye data), varsler',
  ' kommunedeck build om kommentarer som kan være utdaterte, og merker dem i talernotatene.',
  ' Når du har lest en slik kommentar på nytt: kommunedeck comments stamp … --slide <id> lagrer de nye tallene.',
  ' Skriver du en kommentar til et lysbilde som mangler basis, sett basis: auto og kjør comments stamp.',
  ' kommunedeck build endrer aldri denne filen.',
].join('\n');

function slideHeading(spec: DeckSpec, model: DeckModel, id: string): string {
  const s = spec.slides.find((x) => x.id === id);
  const i = model.slides.findIndex((m) => m.id === id);
  if (i < 0) return ` ${s?.kind ?? ''}: ${s?.title?.text ?? id} (utelatt for ${model.kommune.name} ${model.year}: data mangler)`;
  const m = model.slides[i];
  return ` lysbilde ${i + 1} (${m.kind}): ${m.title}`;
}

/** The YAML text of a new comments file: every slide id of the deck with its generated text and basis. */
export function commentsFileText(d: ResolvedDeck): string {
  const ids = d.spec.slides.map((s) => s.id).filter((id): id is string => Boolean(id));
  const slides: Record<string, unknown> = {};
  for (const id of ids) {
    const m = d.model.slides.find((x) => x.id === id);
    const basis = basisToPlain(basisOf(d.figures.filter((f) => f.slideId === id)));
    slides[id] = {
      ...(m?.commentary ? { generated: plainSpaces(m.commentary) } : {}),
      replace: null,
      append: null,
      notes: null,
      ...(Object.keys(basis).length ? { basis } : {}),
    };
  }
  const doc = new Document({ kommune: d.model.kommune.code, deck: deckName(d.deckFile), year: d.model.year, slides });
  doc.commentBefore = `${HEADER}\n\n ${d.model.kommune.code} ${d.model.kommune.name}, «${d.model.title}», ${d.model.year}`;
  const slidesNode = doc.get('slides', true) as YAMLMap;
  for (const pair of slidesNode.items) {
    const id = String((pair.key as Scalar).value);
    (pair.key as Scalar).commentBefore = slideHeading(d.spec, d.model, id);
    styleRemark(pair.value as YAMLMap);
  }
  const kommune = doc.get('kommune', true) as Scalar;
  kommune.type = Scalar.QUOTE_DOUBLE;
  return doc.toString({ lineWidth: 0, nullStr: '', indentSeq: true });
}

/** Texts double-quoted, one figure per metric on one line (`{ value: …, shown: "…" }`). */
function styleRemark(node: YAMLMap): void {
  for (const p of node.items) {
    const key = String((p.key as Scalar).value);
    if (key !== 'basis' && isScalar(p.value) && typeof p.value.value === 'string') p.value.type = Scalar.QUOTE_DOUBLE;
    if (key === 'basis' && isMap(p.value)) {
      for (const b of p.value.items) {
        if (!isMap(b.value)) continue;
        const keys = b.value.items.map((x) => String((x.key as Scalar).value));
        if (keys.every((k) => k === 'value' || k === 'shown')) b.value.flow = true;
        for (const x of b.value.items) if (isScalar(x.value) && typeof x.value.value === 'string') x.value.type = Scalar.QUOTE_DOUBLE;
      }
    }
  }
}

/** `comments init`: write a new comments file; an existing file is never overwritten. */
export function refuseExisting(file: string): void {
  if (fs.existsSync(file)) {
    throw new UserError(`${path.relative(process.cwd(), file) || file} finnes allerede; kommunedeck overskriver aldri konsulentens kommentarer. Slett eller flytt filen først, eller bruk kommunedeck comments stamp for å oppdatere tallene (basis)`, 'COMMENTS_EXIST');
  }
}

export function initComments(file: string, d: ResolvedDeck): { slides: number } {
  refuseExisting(file);
  const text = commentsFileText(d);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, text);
  return { slides: d.spec.slides.filter((s) => s.id).length };
}

/**
 * `comments stamp`: record the figures the slides show now as the basis of their remarks: every `basis: auto`,
 * and the slides named (after the consultant has reread a stale remark). Everything else in the file, comments
 * and layout included, stays as it was.
 */
export function stampComments(file: string, d: ResolvedDeck, slideIds: string[] = []): { stamped: string[] } {
  if (!fs.existsSync(file)) throw new UserError(`fant ikke kommentarfilen ${path.relative(process.cwd(), file) || file}; lag den med kommunedeck comments init`, 'NO_COMMENTS');
  const text = fs.readFileSync(file, 'utf8');
  const parsed = parseComments(path.relative(process.cwd(), file) || file, text); // validates, with file:line messages
  const unknown = slideIds.filter((id) => !d.spec.slides.some((s) => s.id === id));
  if (unknown.length) throw new UserError(`presentasjonen har ikke lysbilde-id ${unknown.map((u) => `'${u}'`).join(', ')}`, 'UNKNOWN_SLIDE');
  const doc = parseDocument(text);
  const stamped: string[] = [];
  const targets = new Set(slideIds);
  for (const r of parsed.slides.values()) if (r.basis === 'auto') targets.add(r.id);
  for (const id of targets) {
    if (!d.model.slides.some((m) => m.id === id)) continue;
    const basis = basisToPlain(basisOf(d.figures.filter((f) => f.slideId === id)));
    if (!doc.hasIn(['slides', id]) || !isMap(doc.getIn(['slides', id], true))) doc.setIn(['slides', id], doc.createNode({}));
    doc.setIn(['slides', id, 'basis'], doc.createNode(basis));
    styleRemark(doc.getIn(['slides', id], true) as YAMLMap);
    stamped.push(id);
  }
  if (stamped.length) writeFileAtomic(file, doc.toString({ lineWidth: 0, nullStr: '', indentSeq: true }));
  return { stamped };
}
