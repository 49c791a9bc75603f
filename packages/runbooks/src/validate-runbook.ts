import path from 'node:path';
import type { Root, RootContent } from 'mdast';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { z } from 'zod';
import { checkMdx, readValidatedFrontmatter, reportError, type Taxonomy } from '@nimbus/content';
import { findSecrets } from '@nimbus/redact';
import { blockChildren, isJsx, plainText, pointAt, soleJsxOf, type JsxAttribute, type JsxElement } from './_mdast.ts';
import { closestMatches } from './closest.ts';
import { PLACEHOLDER } from './parameters.ts';
import {
  approvals,
  END,
  ESCALATE,
  runbookComponents,
  sectionTitles,
  stepKinds,
  type Approval,
  type Runbook,
  type RunbookSection,
  type RunbookStep,
  type SectionKey,
  type StepBranch,
  type StepKind,
} from './runbook.ts';
import { generalArea, runbookFrontmatterSchema, type RunbookFrontmatter } from './runbook-schema.ts';
import { stepGraph } from './step-graph.ts';

/** Options of {@link validateRunbookFile}. Every field is optional; what is not given is not checked. */
export interface ValidateRunbookOptions {
  /** Areas and severities a runbook may name. Default: not checked. */
  taxonomy?: Taxonomy;
  /** Ids (`<product>/<slug>`) of the articles `articles` may name. Default: not checked. */
  articleIds?: Iterable<string>;
  /** Today as `YYYY-MM-DD`, for the review date. Default: the current day. */
  today?: string;
  /** Days after `reviewed` by which a runbook must be reviewed again. Default {@link runbookReviewPeriodDays}. */
  reviewPeriodDays?: number;
}

/** Days after `reviewed` by which a runbook is reviewed again: L2 follows it while a customer waits. */
export const runbookReviewPeriodDays = 180;
/** Days past the review period during which an overdue review is a warning before it becomes an error. */
export const runbookReviewGraceDays = 30;

const PART_NAMES = ['Expected', 'IfDifferent', 'Rollback', 'Recommend'] as const;
type PartName = (typeof PART_NAMES)[number];
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const RESERVED = new Set([END, ESCALATE]);
const sectionKeys = Object.keys(sectionTitles) as SectionKey[];
const code = (value: string) => `\`${value}\``;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** The runbook id of a file path: its kebab-case name without `.mdx`; undefined when the name is not one. */
export function runbookIdOf(filePath: string): string | undefined {
  const name = path.basename(filePath);
  const id = name.replace(/\.mdx$/, '');
  return name.endsWith('.mdx') && KEBAB.test(id) ? id : undefined;
}

/**
 * Validates one runbook file: frontmatter (each problem at its key), MDX (no code), sections, steps, the step
 * graph and parameters. Problems are added to `file.messages`, sorted by position; the runbook is returned only
 * when there is no error, so a broken runbook never half-renders. Plugs into any checker that reports VFiles.
 */
export function validateRunbookFile(file: VFile, options: ValidateRunbookOptions = {}): Runbook | undefined {
  const source = String(file.value);
  const first = file.messages.length;
  const id = runbookIdOf(file.path);
  if (!id) reportError(file, `Unexpected runbook file name ${code(path.basename(file.path))}, expected \`<kebab-case-id>.mdx\``, { line: 1, column: 1 }, 'runbook-path');

  const tree = checkMdx(file, { allowedComponents: runbookComponents });
  const frontmatter = readFrontmatter(file, options);
  const body = tree ? readBody(file, source, tree, frontmatter) : undefined;
  for (const secret of findSecrets(source)) {
    reportError(file, `Unexpected secret (${secret.kind}) in a runbook, remove it and rotate it`, pointAt(source)(secret.index), 'secret');
  }

  const added = file.messages.splice(first).sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  file.messages.push(...added);
  if (!id || !frontmatter || !body || added.some((message) => message.fatal)) return undefined;
  const { sections, steps } = body;
  return {
    ...frontmatter.data,
    id,
    path: file.path,
    summary: plainText(sections.whenToUse.children.filter((node) => node.type === 'paragraph').slice(0, 1)),
    sections,
    steps,
  };
}

interface Frontmatter {
  data: RunbookFrontmatter;
  locate(keyPath: ReadonlyArray<PropertyKey>): Point;
}

function readFrontmatter(file: VFile, options: ValidateRunbookOptions): Frontmatter | undefined {
  const frontmatter = readValidatedFrontmatter(file, runbookFrontmatterSchema, describeIssue);
  if (!frontmatter) return undefined;
  const { data, raw, locate } = frontmatter;
  const { taxonomy } = options;
  if (taxonomy && data.area !== generalArea && !taxonomy.areas.some((area) => area.id === data.area)) {
    const ids = [...taxonomy.areas.map((area) => area.id), generalArea];
    reportError(file, `Unknown area ${code(data.area)}, expected one of ${ids.map(code).join(', ')}`, locate(['area']), 'unknown-area');
  }
  if (taxonomy && taxonomy.severities.length > 0) {
    const scalar = !Array.isArray((raw as { severity?: unknown }).severity);
    data.severity.forEach((severity, index) => {
      if (taxonomy.severities.some((candidate) => candidate.id === severity)) return;
      const ids = taxonomy.severities.map((candidate) => code(candidate.id)).join(', ');
      reportError(file, `Unknown severity ${code(severity)}, expected one of ${ids}`, locate(scalar ? ['severity'] : ['severity', index]), 'unknown-severity');
    });
  }
  if (options.articleIds) {
    const known = new Set(options.articleIds);
    data.articles.forEach((article, index) => {
      if (known.has(article)) return;
      const close = closestMatches(article, [...known]);
      reportError(file, `Unknown article ${code(article)}, no file \`articles/en/${article}.mdx\`${close.length ? ` (did you mean ${close.map(code).join(', ')}?)` : ''}`, locate(['articles', index]), 'unknown-article');
    });
  }
  const period = options.reviewPeriodDays ?? runbookReviewPeriodDays;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const overdue = Math.round(day(today) - day(data.reviewed) - period);
  if (overdue > 0) {
    const fatal = overdue > runbookReviewGraceDays;
    const message = file.message(
      `Unexpected review date ${code(data.reviewed)}, a runbook is reviewed every ${period} days (${overdue} days overdue${fatal ? '' : `, an error after ${runbookReviewGraceDays}`}); have the owner review it and update \`reviewed\``,
      { place: locate(['reviewed']), ruleId: 'review-overdue', source: 'kb' },
    );
    message.fatal = fatal;
  }
  return { data, locate };
}

/** Turns a zod issue of the runbook schema into one sentence: what was found, what was expected. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length > 0 ? code(issue.path.join('.')) : 'frontmatter';
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? `Missing ${key}, expected ${issue.expected}` : `Unexpected ${describeType(input)} for ${key}, expected ${issue.expected}`;
    case 'invalid_value':
      return `${input === undefined ? 'Missing' : `Unexpected ${code(String(input))} for`} ${key}, expected one of ${issue.values.map((value) => code(String(value))).join(', ')}`;
    case 'unrecognized_keys':
      return `Unexpected key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(code).join(', ')}, not part of the runbook schema (${Object.keys(runbookFrontmatterSchema.shape).join(', ')})`;
    case 'invalid_union': {
      const firstIssue = issue.errors[0]?.[0];
      return firstIssue ? describeIssue({ ...firstIssue, path: [...issue.path, ...firstIssue.path] } as z.core.$ZodIssue) : `Unexpected value for ${key}`;
    }
    case 'custom':
      return issue.message;
    default:
      return `${issue.message} for ${key}`;
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return `${typeof value} ${code(String(value))}`;
}

interface Body {
  sections: Record<SectionKey, RunbookSection>;
  steps: RunbookStep[];
}

function readBody(file: VFile, source: string, tree: Root, frontmatter: Frontmatter | undefined): Body | undefined {
  const fail: Fail = (reason, place, ruleId) => {
    file.message(reason, { place, ruleId, source: 'kb' }).fatal = true;
  };
  const at = pointAt(source);
  const nodes = tree.children.filter((node) => node.type !== 'yaml');

  // Sections: every `##` heading starts one; the known ones are collected by key.
  const sections: Partial<Record<SectionKey, RunbookSection>> = {};
  const ranges: { key?: SectionKey; start: number; end: number }[] = [];
  let lastIndex = -1;
  let lastKey: SectionKey | undefined;
  nodes.forEach((node, index) => {
    if (node.type !== 'heading' || node.depth !== 2) return;
    const title = plainText([node]);
    const key = sectionKeys.find((candidate) => sectionTitles[candidate].toLowerCase() === title.trim().toLowerCase());
    const end = nodes.findIndex((other, otherIndex) => otherIndex > index && other.type === 'heading' && other.depth === 2);
    const children = nodes.slice(index + 1, end === -1 ? undefined : end);
    ranges.push({ key, start: node.position?.start.offset ?? 0, end: end === -1 ? source.length : (nodes[end]!.position?.start.offset ?? source.length) });
    if (!key) return;
    if (sections[key]) {
      fail(`Unexpected second section ${code(`## ${title}`)}, each section appears once`, node.position, 'duplicate-section');
      return;
    }
    const order = sectionKeys.indexOf(key);
    if (order < lastIndex && lastKey) {
      fail(`Unexpected section ${code(`## ${sectionTitles[key]}`)} after ${code(`## ${sectionTitles[lastKey]}`)}, expected the order ${sectionKeys.map((k) => sectionTitles[k]).join(', ')}`, node.position, 'section-order');
    } else {
      lastIndex = order;
      lastKey = key;
    }
    sections[key] = { title, children, position: node.position };
  });
  sectionKeys.forEach((key, order) => {
    if (sections[key]) return;
    const nextPresent = sectionKeys.slice(order + 1).find((candidate) => sections[candidate]);
    const place = nextPresent ? sections[nextPresent]!.position?.start : tree.position?.end;
    const previous = sectionKeys[order - 1];
    fail(`Missing section ${code(`## ${sectionTitles[key]}`)}, expected it ${previous ? `after ${code(`## ${sectionTitles[previous]}`)}` : 'as the first section'}`, place, 'missing-section');
  });

  // Placement of the components: steps directly in `## Steps`, parts directly in a step.
  const stepsRange = ranges.find((range) => range.key === 'steps');
  const inSteps = (node: RootContent) => {
    const offset = node.position?.start.offset ?? -1;
    return stepsRange !== undefined && offset >= stepsRange.start && offset < stepsRange.end;
  };
  const walk = (node: RootContent | Root, ancestors: (RootContent | Root)[]) => {
    if (isJsx(node, runbookComponents)) {
      const parent = ancestors.at(-1);
      const grandparent = ancestors.at(-2);
      const name = node.name as string;
      const directIn = (holder: RootContent | Root | undefined, outer: RootContent | Root | undefined, check: (n: RootContent | Root | undefined) => boolean) =>
        check(holder) || (holder?.type === 'paragraph' && soleJsxOf(holder) === node && check(outer));
      if (name === 'Step') {
        if (!directIn(parent, grandparent, (holder) => holder?.type === 'root') || !inSteps(node)) {
          fail('Unexpected `<Step>` here, expected steps directly in the `## Steps` section', node.position, 'component-placement');
        }
      } else if ((PART_NAMES as readonly string[]).includes(name)) {
        if (!directIn(parent, grandparent, (holder) => holder !== undefined && isJsx(holder, ['Step']))) {
          fail(`Unexpected \`<${name}>\` here, expected it directly inside a \`<Step>\``, node.position, 'component-placement');
        }
      } else if (name === 'Severities' && (node.children.length > 0 || node.attributes.length > 0)) {
        fail('Unexpected content in `<Severities />`, it takes no attributes and no children: the definitions come from `taxonomy.yaml`', node.position, 'step-part');
      }
    }
    if ('children' in node) for (const child of node.children as RootContent[]) walk(child, [...ancestors, node]);
  };
  walk(tree, []);

  // Steps.
  const stepElements = (sections.steps?.children ?? []).map((node) => (isJsx(node, ['Step']) ? node : soleJsxOf(node))).filter((node): node is JsxElement => node !== undefined && node.name === 'Step');
  if (sections.steps && stepElements.length === 0) {
    fail('Missing steps, expected at least one `<Step id="…" kind="diagnose|change" title="…">` in `## Steps`', sections.steps.position, 'missing-steps');
  }
  const steps: RunbookStep[] = [];
  const targets: { step: RunbookStep; attribute: JsxAttribute; value: string }[] = [];
  const elementOf = new Map<RunbookStep, JsxElement>();
  const kindAttribute = new Map<RunbookStep, JsxAttribute | undefined>();
  const seenIds = new Map<string, JsxElement>();
  stepElements.forEach((element, index) => {
    const step = readStep(element, index + 1, fail, targets);
    if (!step) return;
    if (seenIds.has(step.id)) {
      const attribute = element.attributes.find((candidate) => candidate.type === 'mdxJsxAttribute' && candidate.name === 'id');
      fail(`Unexpected second step ${code(step.id)}, step ids are unique (the first is on line ${seenIds.get(step.id)!.position?.start.line})`, attribute?.position ?? element.position, 'duplicate-step-id');
      return;
    }
    seenIds.set(step.id, element);
    elementOf.set(step, element);
    kindAttribute.set(step, element.attributes.find((candidate) => candidate.type === 'mdxJsxAttribute' && candidate.name === 'kind'));
    steps.push(step);
  });
  for (const step of steps) {
    if (step.kind === 'change' && !step.rollback) {
      fail(`Missing \`<Rollback>\` in change step ${code(step.id)}, expected how to undo what it changes`, kindAttribute.get(step)?.position ?? step.position, 'change-without-rollback');
    }
  }

  // The step graph: every target exists, every step is reachable, no cycle traps a walk.
  const graph = stepGraph({ steps });
  const ids = steps.map((step) => step.id);
  for (const { attribute, value } of targets) {
    if (RESERVED.has(value) || ids.includes(value)) continue;
    const close = closestMatches(value, ids);
    const name = attribute.type === 'mdxJsxAttribute' ? attribute.name : '';
    fail(`Unexpected \`${name}="${value}"\`, no step has the id ${code(value)}${close.length ? ` (did you mean ${close.map(code).join(', ')}?)` : ''}`, attribute.position, 'unknown-step');
  }
  for (const id of graph.unreachable) {
    const step = steps.find((candidate) => candidate.id === id)!;
    fail(`Unexpected unreachable step ${code(id)}, no step leads to it: link it with \`next\` or \`goto\`, or remove it`, step.position, 'unreachable-step');
  }
  for (const cycle of graph.trappedCycles) {
    const step = steps.find((candidate) => candidate.id === cycle[0])!;
    fail(`Unexpected cycle ${[...cycle, cycle[0]!].map(code).join(' → ')} without an exit, expected a step of it to escalate, end or go to a step outside it`, step.position, 'cycle-without-exit');
  }

  // Parameters: every placeholder is declared; every declared parameter is used.
  if (frontmatter) {
    const declared = frontmatter.data.parameters.map((parameter) => parameter.name);
    const used = new Set<string>();
    const scan = (start: number | undefined, end: number | undefined, skipFirstLine: boolean) => {
      if (start === undefined || end === undefined) return;
      let from = start;
      if (skipFirstLine) {
        const newline = source.indexOf('\n', start);
        from = newline === -1 || newline > end ? end : newline + 1;
      }
      for (const match of source.slice(from, end).matchAll(PLACEHOLDER)) {
        const name = match[1]!;
        used.add(name);
        if (!declared.includes(name)) {
          const close = closestMatches(name, declared);
          fail(`Unexpected parameter ${code(`{${name}}`)}, not declared in \`parameters\`${close.length ? ` (did you mean ${close.map((c) => code(`{${c}}`)).join(', ')}?)` : ''}`, at(from + match.index), 'undeclared-parameter');
        }
      }
    };
    const visitCode = (node: RootContent | Root) => {
      if (node.type === 'code') scan(node.position?.start.offset, node.position?.end.offset, true);
      else if (node.type === 'inlineCode') scan(node.position?.start.offset, node.position?.end.offset, false);
      else if (isJsx(node, ['Step'])) {
        const title = node.attributes.find((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'title');
        scan(title?.position?.start.offset, title?.position?.end.offset, false);
      }
      if ('children' in node) for (const child of node.children as RootContent[]) visitCode(child);
    };
    visitCode(tree);
    frontmatter.data.parameters.forEach((parameter, index) => {
      if (used.has(parameter.name)) return;
      file.message(`Unexpected unused parameter ${code(parameter.name)}, no command or text uses \`{${parameter.name}}\``, {
        place: frontmatter.locate(['parameters', index, 'name']),
        ruleId: 'unused-parameter',
        source: 'kb',
      });
    });
  }

  if (sectionKeys.some((key) => !sections[key])) return undefined;
  return { sections: sections as Record<SectionKey, RunbookSection>, steps };
}

type Fail = (reason: string, place: Point | Position | undefined, ruleId: string) => void;

/** Reads a string attribute, reporting expressions; `null` for a bare attribute. */
function attributeValue(attribute: JsxAttribute, element: string, fail: Fail): string | null | undefined {
  if (attribute.type !== 'mdxJsxAttribute') return undefined;
  if (attribute.value !== null && typeof attribute.value === 'object') {
    fail(`Unexpected expression for \`${attribute.name}\` on \`<${element}>\`, expected a quoted string`, attribute.position, 'step-attribute');
    return undefined;
  }
  return attribute.value;
}

function readAttributes(element: JsxElement, allowed: readonly string[], fail: Fail): Map<string, { value: string | null | undefined; attribute: JsxAttribute }> {
  const name = element.name ?? '';
  const found = new Map<string, { value: string | null | undefined; attribute: JsxAttribute }>();
  for (const attribute of element.attributes) {
    if (attribute.type !== 'mdxJsxAttribute') {
      fail(`Unexpected \`{…}\` attribute on \`<${name}>\`, expected ${allowed.length ? allowed.map(code).join(', ') : 'no attributes'}`, attribute.position ?? element.position, 'step-attribute');
      continue;
    }
    if (!allowed.includes(attribute.name)) {
      fail(`Unexpected attribute ${code(attribute.name)} on \`<${name}>\`, expected ${allowed.length ? allowed.map(code).join(', ') : 'no attributes'}`, attribute.position, 'step-attribute');
      continue;
    }
    found.set(attribute.name, { value: attributeValue(attribute, name, fail), attribute });
  }
  return found;
}

function readStep(element: JsxElement, number: number, fail: Fail, targets: { step: RunbookStep; attribute: JsxAttribute; value: string }[]): RunbookStep | undefined {
  const attributes = readAttributes(element, ['id', 'kind', 'title', 'next', 'approval'], fail);
  const start = element.position?.start;
  const text = (key: string, describe: string): string | undefined => {
    const entry = attributes.get(key);
    if (!entry) {
      fail(`Missing \`${key}\` on \`<Step>\`, expected ${describe}`, start, 'step-attribute');
      return undefined;
    }
    if (typeof entry.value !== 'string' || entry.value.trim() === '') {
      if (entry.value !== undefined) fail(`Unexpected empty \`${key}\` on \`<Step>\`, expected ${describe}`, entry.attribute.position, 'step-attribute');
      return undefined;
    }
    return entry.value;
  };
  const id = text('id', 'a kebab-case id like `check-security-group`');
  if (id !== undefined && (!KEBAB.test(id) || RESERVED.has(id))) {
    fail(`Unexpected step id ${code(id)}, expected a kebab-case id other than \`end\` and \`escalate\``, attributes.get('id')?.attribute.position, 'step-attribute');
  }
  const kind = text('kind', '`diagnose` (reads only) or `change` (modifies the customer\'s resources)');
  if (kind !== undefined && !(stepKinds as readonly string[]).includes(kind)) {
    fail(`Unexpected kind ${code(kind)}, expected \`diagnose\` (reads only) or \`change\` (modifies the customer's resources)`, attributes.get('kind')?.attribute.position, 'step-attribute');
  }
  const title = text('title', 'the action in one line');
  const approval = attributes.get('approval');
  if (approval && kind === 'diagnose') {
    fail('Unexpected `approval` on a diagnose step, only change steps need consent or approval', approval.attribute.position, 'step-attribute');
  } else if (approval && !(approvals as readonly (string | null | undefined)[]).includes(approval.value)) {
    fail(`Unexpected approval ${code(String(approval.value))}, expected \`customer\` (the customer consents) or \`l3\` (an L3 engineer approves)`, approval.attribute.position, 'step-attribute');
  }
  const next = attributes.get('next');
  if (next && (typeof next.value !== 'string' || next.value === '')) {
    fail('Unexpected empty `next` on `<Step>`, expected a step id or `end`', next.attribute.position, 'step-attribute');
  }

  // Children: the four parts by name, everything else is the action.
  const parts: Partial<Record<PartName, JsxElement[]>> = {};
  const action: RootContent[] = [];
  for (const child of element.children as RootContent[]) {
    const part = isJsx(child, PART_NAMES) ? child : soleJsxOf(child);
    if (part && (PART_NAMES as readonly string[]).includes(part.name ?? '')) (parts[part.name as PartName] ??= []).push(part);
    else action.push(child);
  }
  for (const name of ['Expected', 'Rollback', 'Recommend'] as const) {
    const extra = parts[name]?.[1];
    if (extra) fail(`Unexpected second \`<${name}>\` in a step, expected one`, extra.position, 'step-part');
    for (const part of parts[name] ?? []) readAttributes(part, [], fail);
  }
  const label = id ? ` in step ${code(id)}` : '';
  const expectedElement = parts.Expected?.[0];
  if (!expectedElement) {
    fail(`Missing \`<Expected>\`${label}, expected the result that lets L2 continue`, start, 'missing-expected');
  } else if (plainText(blockChildren(expectedElement)) === '') {
    fail(`Unexpected empty \`<Expected>\`${label}, expected the result that lets L2 continue`, expectedElement.position, 'missing-expected');
  }
  if (!parts.IfDifferent?.length) {
    fail(`Missing \`<IfDifferent>\`${label}, expected what to do when the result differs (\`goto="step-id"\` or \`escalate\`)`, start, 'missing-if-different');
  }
  if (parts.Rollback?.length && kind === 'diagnose') {
    fail('Unexpected `<Rollback>` in a diagnose step, only change steps modify resources', parts.Rollback[0]!.position, 'step-part');
  }

  const step: RunbookStep = {
    id: id ?? '',
    kind: (kind ?? 'diagnose') as StepKind,
    title: title ?? '',
    number,
    ...(kind === 'change' ? { approval: (approval?.value ?? 'customer') as Approval } : {}),
    ...(typeof next?.value === 'string' && next.value !== '' ? { next: next.value } : {}),
    action,
    commands: action.filter((node) => node.type === 'code').map((node) => ({ lang: node.lang ?? null, value: node.value, parameters: [...new Set([...node.value.matchAll(PLACEHOLDER)].map((match) => match[1]!))] })),
    expected: expectedElement ? blockChildren(expectedElement) : [],
    expectedText: expectedElement ? plainText(blockChildren(expectedElement)) : '',
    ifDifferent: [],
    ...(parts.Rollback?.[0] ? { rollback: blockChildren(parts.Rollback[0]) } : {}),
    ...(parts.Recommend?.[0] ? { recommend: blockChildren(parts.Recommend[0]) } : {}),
    position: element.position,
  };
  if (typeof next?.value === 'string' && next.value !== '') targets.push({ step, attribute: next.attribute, value: next.value });
  for (const branch of parts.IfDifferent ?? []) {
    const branchAttributes = readAttributes(branch, ['goto', 'escalate'], fail);
    const goto = branchAttributes.get('goto');
    const escalate = branchAttributes.get('escalate');
    if (escalate && escalate.value !== null) {
      fail('Unexpected value for `escalate`, write it bare: `<IfDifferent escalate>`', escalate.attribute.position, 'step-attribute');
    }
    if (goto && escalate) {
      fail('Unexpected `goto` and `escalate` together on `<IfDifferent>`, expected one of them', escalate.attribute.position, 'step-attribute');
    } else if (!goto && !escalate) {
      fail('Missing `goto` or `escalate` on `<IfDifferent>`, expected where L2 goes when the result differs', branch.position, 'step-attribute');
    } else if (goto && (typeof goto.value !== 'string' || goto.value === '')) {
      fail('Unexpected empty `goto` on `<IfDifferent>`, expected a step id or `end`', goto.attribute.position, 'step-attribute');
    }
    const children = blockChildren(branch);
    if (plainText(children) === '') {
      fail('Unexpected empty `<IfDifferent>`, expected the result that sends L2 there', branch.position, 'step-part');
    }
    const target = typeof goto?.value === 'string' && goto.value !== '' ? goto.value : undefined;
    if (target && goto) targets.push({ step, attribute: goto.attribute, value: target });
    const parsed: StepBranch = { ...(target ? { goto: target } : {}), escalate: Boolean(escalate), children, text: plainText(children), position: branch.position };
    step.ifDifferent.push(parsed);
  }
  // A step with problems stays in the graph (its problems are reported), so they do not cascade into others.
  return id !== undefined && KEBAB.test(id) && !RESERVED.has(id) ? step : undefined;
}
