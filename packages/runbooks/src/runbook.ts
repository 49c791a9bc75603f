import type { RootContent } from 'mdast';
import type { Position } from 'unist';
import type { RunbookFrontmatter } from './runbook-schema.ts';

/** The `##` sections of a runbook body, in the order they must appear, with their headings. */
export const sectionTitles = {
  whenToUse: 'When to use',
  prerequisites: 'Prerequisites',
  steps: 'Steps',
  verification: 'Verification',
  rollback: 'Rollback',
  escalation: 'Escalation to L3',
  customerUpdate: 'Customer update',
} as const;

/** Key of a runbook section. */
export type SectionKey = keyof typeof sectionTitles;

/** JSX components a runbook may use; everything else is rejected, so content never runs code. */
export const runbookComponents = ['Step', 'Expected', 'IfDifferent', 'Rollback', 'Recommend', 'Severities'] as const;
export type RunbookComponent = (typeof runbookComponents)[number];

/** `diagnose` reads only; `change` modifies the customer's resources and needs consent or L3 approval. */
export const stepKinds = ['diagnose', 'change'] as const;
export type StepKind = (typeof stepKinds)[number];

/** Who must agree before a `change` step runs. */
export const approvals = ['customer', 'l3'] as const;
export type Approval = (typeof approvals)[number];

/** Walk exit: the runbook is done (go to Verification). Reserved as a `next`/`goto` target. */
export const END = 'end';
/** Walk exit: hand the case to L3. */
export const ESCALATE = 'escalate';

/** One `##` section of the body. */
export interface RunbookSection {
  /** The heading as written. */
  title: string;
  /** Markdown nodes below the heading, up to the next `##`. */
  children: RootContent[];
  position?: Position;
}

/** What to do when a step's result differs from the expected one: go to a step, or escalate. */
export interface StepBranch {
  /** Target step id, or {@link END}; undefined when the branch escalates. */
  goto?: string;
  /** True for `<IfDifferent escalate>`. */
  escalate: boolean;
  /** The condition or finding, as Markdown nodes. */
  children: RootContent[];
  /** The condition as plain text (placeholders unfilled). */
  text: string;
  position?: Position;
}

/** A command of a step: a fenced code block, with the parameters it uses. */
export interface StepCommand {
  lang: string | null;
  /** The command with `{name}` placeholders unfilled. */
  value: string;
  /** Names of the parameters it uses, in order of first use. */
  parameters: string[];
}

/** One step of a runbook. */
export interface RunbookStep {
  /** Unique kebab-case id, the target of `goto` and `next`. @example "check-security-group" */
  id: string;
  kind: StepKind;
  /** The action in one line. */
  title: string;
  /** 1-based position in the document. */
  number: number;
  /** For `change` steps: who must agree first (default `customer`). */
  approval?: Approval;
  /** Explicit step after an expected result; by default the next step in the document, or the end. */
  next?: string;
  /** Instructions in document order: prose, commands (code nodes) and `<Severities />`. */
  action: RootContent[];
  /** The fenced code blocks of `action`. */
  commands: StepCommand[];
  /** `<Expected>`: the result that lets L2 continue. */
  expected: RootContent[];
  /** Plain text of `expected`. */
  expectedText: string;
  /** `<IfDifferent>` branches, at least one. */
  ifDifferent: StepBranch[];
  /** `<Rollback>`: how to undo this step (required for `change` steps). */
  rollback?: RootContent[];
  /** `<Recommend>`: advice for the customer, used in the case note when the step found or changed something. */
  recommend?: RootContent[];
  position?: Position;
}

/** A validated runbook. */
export interface Runbook extends RunbookFrontmatter {
  /** File name without `.mdx`. @example "vm-unreachable" */
  id: string;
  /** Path of the source file as given to the validator. */
  path: string;
  /** First paragraph of "When to use", for lists. */
  summary: string;
  sections: Record<SectionKey, RunbookSection>;
  steps: RunbookStep[];
}
