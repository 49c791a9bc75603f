import type { RootContent } from 'mdast';
import type { Point, Position } from 'unist';
import { blockChildren, isJsx, plainText, soleJsxOf, type JsxAttribute, type JsxElement } from './_mdast.ts';
import { PLACEHOLDER } from './parameters.ts';
import { approvals, stepKinds, type Approval, type RunbookStep, type StepBranch, type StepKind } from './runbook.ts';
import { PART_NAMES, type PartName, KEBAB, RESERVED, code } from './_runbook-shared.ts';

// One `<Step>` element: its attributes and its parts (`<Expected>`, `<IfDifferent>`, `<Rollback>`, `<Recommend>`).
export type Fail = (reason: string, place: Point | Position | undefined, ruleId: string) => void;

/** Reads a string attribute, reporting expressions; `null` for a bare attribute. */
export function attributeValue(attribute: JsxAttribute, element: string, fail: Fail): string | null | undefined {
  if (attribute.type !== 'mdxJsxAttribute') return undefined;
  if (attribute.value !== null && typeof attribute.value === 'object') {
    fail(`Unexpected expression for \`${attribute.name}\` on \`<${element}>\`, expected a quoted string`, attribute.position, 'step-attribute');
    return undefined;
  }
  return attribute.value;
}

/** The attributes of an element by name; an expression attribute or one not in `allowed` is reported and left out. */
export function readAttributes(element: JsxElement, allowed: readonly string[], fail: Fail): Map<string, { value: string | null | undefined; attribute: JsxAttribute }> {
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

/** One `<Step>`: its attributes and parts as a `RunbookStep`, or undefined after reporting why not. */
export function readStep(element: JsxElement, number: number, fail: Fail, targets: { step: RunbookStep; attribute: JsxAttribute; value: string }[]): RunbookStep | undefined {
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
