import type { Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { isJsx, plainText, pointAt, soleJsxOf, type JsxAttribute, type JsxElement } from './_mdast.ts';
import { closestMatches } from './closest.ts';
import { PLACEHOLDER } from './parameters.ts';
import { runbookComponents, sectionTitles, type RunbookSection, type RunbookStep, type SectionKey } from './runbook.ts';
import { stepGraph } from './step-graph.ts';
import { PART_NAMES, RESERVED, sectionKeys, code } from './_runbook-shared.ts';
import { readStep, type Fail } from './_runbook-step.ts';
import type { Frontmatter } from './_runbook-frontmatter.ts';

// The body of a runbook: the sections in order, the steps in `## Steps`, the step graph and the parameters used.
export interface Body {
  sections: Record<SectionKey, RunbookSection>;
  steps: RunbookStep[];
}

/** Reads the sections and steps, checks their order, the step graph and the parameters; undefined when the body is unusable. */
export function readBody(file: VFile, source: string, tree: Root, frontmatter: Frontmatter | undefined): Body | undefined {
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
