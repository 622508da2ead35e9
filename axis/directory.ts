/**
 * Directory content for the reference axis: three demo agencies that can log in, and a
 * deterministic generator of a realistic national directory (QCVN 102 codes read right to left:
 * `V1V2V3.Z1Z2.Y1Y2.MX1X2`, level 1 last) for testing at the real axis's scale.
 */
import { foldText } from '../shared/text/fold.js';
import { generateSecret } from './auth.js';
import {
  COMMUNE_FIRST,
  COMMUNE_SECOND,
  COMMUNE_UNITS,
  DISTRICT_NAMES,
  DISTRICT_OFFICES,
  MINISTRIES,
  MINISTRY_UNITS,
  OFFICE_UNITS,
  PROVINCE_DEPARTMENTS,
  PROVINCES,
} from './directory-names.js';
import type { AgencyInput, AxisStore } from './store/axis-store.js';

export interface AgencyCredential {
  code: string;
  name: string;
  secret: string;
}

/** A provincial People's Committee, a department under it, and a ministry-level body. */
export const DEMO_AGENCIES: ReadonlyArray<Omit<AgencyInput, 'secret'>> = [
  { code: '000.00.00.H41', codeQd20: 'H41', name: 'UBND tỉnh Nghệ An', mail: 'vanthu@nghean.gov.vn' },
  { code: '000.00.12.H41', codeQd20: 'H41.12', pid: '000.00.00.H41', name: 'Sở Nội vụ tỉnh Nghệ An', mail: 'sonoivu@nghean.gov.vn' },
  { code: '000.00.00.G22', codeQd20: 'G22', name: 'Văn phòng Chính phủ', mail: 'vanthu@chinhphu.vn' },
];

/** Creates the demo agencies that are missing (or cannot log in) and returns all three credentials. */
export function seedDemoAgencies(store: AxisStore): AgencyCredential[] {
  return DEMO_AGENCIES.map((demo) => {
    const existing = store.getAgency(demo.code);
    const agency = existing && !existing.deleted && existing.secret ? existing : store.registerAgency({ ...demo, secret: generateSecret() });
    return { code: agency.code, name: agency.name, secret: agency.secret! };
  });
}

/**
 * Adds `count` generated agencies in one transaction; the same seed gives the same directory.
 * Codes already present (the demo ones, an earlier run) are skipped, not overwritten.
 */
export function generateDirectory(store: AxisStore, count: number, seed: number): number {
  return store.addAgencies(generatedAgencies(seed), count);
}

interface DirectoryNode {
  level: 1 | 2 | 3 | 4;
  /** Level-1 part, e.g. H41, and the level 2, 3, 4 numbers (0 where unused). */
  root: string;
  y: number;
  z: number;
  v: number;
  name: string;
  /** The name without its place, e.g. "Sở Tài chính". */
  short: string;
  /** What the node's own children append to their names, e.g. "huyện Diễn Châu". */
  place: string;
  mailbox: string;
  domain: string;
  codeQd20: string | null;
  /** What sits under it: see EXPANDERS. */
  kind: NodeKind;
}

type NodeKind = 'province' | 'ministry' | 'department' | 'district' | 'commune' | 'leaf';

/** Breadth first, so that a small directory is the top of a large one (the document seed takes its senders from the top). */
export function* generatedAgencies(seed: number): Generator<AgencyInput> {
  const random = mulberry32(seed);
  let level = rootNodes();
  let produced = 0;
  while (level.length > 0) {
    const next: DirectoryNode[] = [];
    for (const node of level) {
      produced++;
      yield toAgency(node, random);
      next.push(...EXPANDERS[node.kind](node, random));
    }
    level = next;
  }
  throw new RangeError(`the directory generator runs out after ${produced} agencies`);
}

function toAgency(node: DirectoryNode, random: () => number): AgencyInput {
  const parent = node.level === 1 ? null : codeOf({ ...node, ...parentParts(node) });
  const mail = node.level === 1 || (node.level < 4 && random() < 0.6) ? `${node.mailbox}@${node.domain}` : null;
  const oldCode = node.level > 1 && node.level < 4 && random() < 0.1 ? `${node.root}.${initials(node.short)}.${pad(1 + Math.floor(random() * 999), 3)}` : null;
  return { code: codeOf(node), codeQd20: node.codeQd20, pid: parent, name: node.name, mail, oldCode };
}

function codeOf({ root, y, z, v }: Pick<DirectoryNode, 'root' | 'y' | 'z' | 'v'>): string {
  return `${pad(v, 3)}.${pad(z, 2)}.${pad(y, 2)}.${root}`;
}

function parentParts(node: DirectoryNode): Pick<DirectoryNode, 'y' | 'z' | 'v'> {
  if (node.level === 4) return { y: node.y, z: node.z, v: 0 };
  if (node.level === 3) return { y: node.y, z: 0, v: 0 };
  return { y: 0, z: 0, v: 0 };
}

function rootNodes(): DirectoryNode[] {
  const provinces = PROVINCES.map(({ name, city }, index): DirectoryNode => {
    const place = `${city ? 'thành phố' : 'tỉnh'} ${name}`;
    const root = `H${pad(index + 1, 2)}`;
    return { ...top(root), name: `UBND ${place}`, short: 'UBND', place, mailbox: 'vanthu', domain: `${slug(name)}.gov.vn`, codeQd20: root, kind: 'province' };
  });
  const ministries = MINISTRIES.map(
    ({ code, name, domain }): DirectoryNode => ({ ...top(code), name, short: name, place: name, mailbox: 'vanthu', domain, codeQd20: code, kind: 'ministry' }),
  );
  return [...provinces, ...ministries];
}

function top(root: string): Pick<DirectoryNode, 'level' | 'root' | 'y' | 'z' | 'v'> {
  return { level: 1, root, y: 0, z: 0, v: 0 };
}

/** A child one level down, numbered `index` (from 1) at that level. */
function child(parent: DirectoryNode, index: number, short: string, name: string, kind: NodeKind, random: () => number): DirectoryNode {
  const level = (parent.level + 1) as DirectoryNode['level'];
  const numbers = level === 2 ? { y: index } : level === 3 ? { z: index } : { v: index };
  const qd20Chance = level === 2 ? 0.7 : level === 3 ? 0.4 : 0;
  return {
    ...parent,
    ...numbers,
    level,
    name,
    short,
    place: name,
    mailbox: level === 2 ? slug(short) : `${slug(short)}.${parent.mailbox}`,
    codeQd20: parent.codeQd20 !== null && random() < qd20Chance ? `${parent.codeQd20}.${pad(index, 2)}` : null,
    kind,
  };
}

function expandProvince(province: DirectoryNode, random: () => number): DirectoryNode[] {
  const departments = PROVINCE_DEPARTMENTS.map((department, i) =>
    child(province, i + 1, department, `${department} ${province.place}`, 'department', random),
  );
  const districtNames = shuffled(DISTRICT_NAMES, random).slice(0, between(random, 8, 20));
  const districts = districtNames.map((name, i) => {
    const kind = i > 0 ? 'huyện' : province.place.startsWith('thành phố') ? 'quận' : 'thị xã';
    const node = child(province, 21 + i, `${kind} ${name}`, `UBND ${kind} ${name}`, 'district', random);
    return { ...node, place: `${kind} ${name}` };
  });
  return [...departments, ...districts];
}

function expandMinistry(ministry: DirectoryNode, random: () => number): DirectoryNode[] {
  return MINISTRY_UNITS.slice(0, between(random, 8, MINISTRY_UNITS.length)).map((unit, i) =>
    child(ministry, i + 1, unit, `${unit} - ${ministry.name}`, 'department', random),
  );
}

function expandOffices(parent: DirectoryNode, random: () => number): DirectoryNode[] {
  return OFFICE_UNITS.slice(0, between(random, 2, 6)).map((office, i) => child(parent, i + 1, office, `${office} - ${parent.name}`, 'leaf', random));
}

function expandDistrict(district: DirectoryNode, random: () => number): DirectoryNode[] {
  const offices = DISTRICT_OFFICES.map((office, i) => child(district, i + 1, office, `${office} ${district.place}`, 'leaf', random));
  const names = new Set<string>();
  const wanted = between(random, 12, 30);
  while (names.size < wanted) names.add(`${pick(COMMUNE_FIRST, random)} ${pick(COMMUNE_SECOND, random)}`);
  const communes = [...names].map((name, i) => {
    const kind = i > 0 ? 'xã' : district.place.startsWith('huyện') ? 'thị trấn' : 'phường';
    const node = child(district, DISTRICT_OFFICES.length + 1 + i, `${kind} ${name}`, `UBND ${kind} ${name}, ${district.place}`, 'commune', random);
    return { ...node, place: name };
  });
  return [...offices, ...communes];
}

function expandCommune(commune: DirectoryNode, random: () => number): DirectoryNode[] {
  return COMMUNE_UNITS.slice(0, between(random, 3, COMMUNE_UNITS.length)).map((template, i) =>
    child(commune, i + 1, template, template.replace('{}', commune.place), 'leaf', random),
  );
}

const EXPANDERS: Record<NodeKind, (node: DirectoryNode, random: () => number) => DirectoryNode[]> = {
  province: expandProvince,
  ministry: expandMinistry,
  department: expandOffices,
  district: expandDistrict,
  commune: expandCommune,
  leaf: () => [],
};

// --- small deterministic helpers ---

/** mulberry32: a tiny seeded PRNG; the directory must be the same on every machine. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function slug(text: string): string {
  return foldText(text).replace(/[^a-z0-9]/g, '');
}

export function initials(text: string): string {
  return foldText(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0])
    .join('')
    .toUpperCase();
}
