import { END, ESCALATE } from './runbook.ts';

/** The fields of a step the graph needs; a parsed `RunbookStep` has them. */
export interface StepLink {
  id: string;
  next?: string;
  ifDifferent: ReadonlyArray<{ goto?: string; escalate: boolean }>;
}

/** An edge of the step graph. `to` is a step id, {@link END} or {@link ESCALATE}. */
export interface StepEdge {
  from: string;
  to: string;
  /** `expected` follows the step's expected result; `different` one of its `<IfDifferent>` branches. */
  outcome: 'expected' | 'different';
  /** Index of the `<IfDifferent>` branch, for `different` edges. */
  branch?: number;
}

/** The steps as a directed graph from the first step to the exits `end` and `escalate`. */
export interface StepGraph {
  /** The first step, where every walk starts. */
  start: string | undefined;
  /** Step ids in document order. */
  nodes: string[];
  edges: StepEdge[];
  /** Edges that name a step that does not exist (reported as `unknown-step`). */
  dangling: StepEdge[];
  /** Steps no walk can reach from the first step. */
  unreachable: string[];
  /** Cycles (strongly connected steps) with no edge leaving them: a walk that enters one never ends. */
  trappedCycles: string[][];
  /** Outgoing edges of a step, expected edge first. */
  successors(id: string): StepEdge[];
}

/** Builds the step graph of a runbook: who follows whom, what is unreachable, which cycles trap a walk. */
export function stepGraph(runbook: { steps: ReadonlyArray<StepLink> }): StepGraph {
  const steps = runbook.steps;
  const ids = new Set(steps.map((step) => step.id));
  const isTarget = (to: string) => to === END || to === ESCALATE || ids.has(to);
  const all: StepEdge[] = [];
  steps.forEach((step, index) => {
    all.push({ from: step.id, to: step.next ?? steps[index + 1]?.id ?? END, outcome: 'expected' });
    step.ifDifferent.forEach((branch, b) => {
      all.push({ from: step.id, to: branch.escalate ? ESCALATE : (branch.goto ?? ESCALATE), outcome: 'different', branch: b });
    });
  });
  const edges = all.filter((edge) => isTarget(edge.to));
  const dangling = all.filter((edge) => !isTarget(edge.to));
  const out = new Map<string, StepEdge[]>(steps.map((step) => [step.id, []]));
  for (const edge of edges) out.get(edge.from)?.push(edge);

  const start = steps[0]?.id;
  const reached = new Set<string>();
  const queue = start ? [start] : [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const edge of out.get(id) ?? []) if (ids.has(edge.to) && !reached.has(edge.to)) queue.push(edge.to);
  }
  const nodes = steps.map((step) => step.id);
  return {
    start,
    nodes,
    edges,
    dangling,
    unreachable: nodes.filter((id) => !reached.has(id)),
    trappedCycles: trappedCycles(nodes, out),
    successors: (id) => out.get(id) ?? [],
  };
}

// Tarjan's strongly connected components. A component is a cycle when it has two steps or a step that loops to
// itself; it traps a walk when none of its edges leaves it (to another step or to an exit).
function trappedCycles(nodes: string[], out: Map<string, StepEdge[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (id: string) => {
    index.set(id, counter);
    low.set(id, counter);
    counter++;
    stack.push(id);
    onStack.add(id);
    for (const { to } of out.get(id) ?? []) {
      if (!out.has(to)) continue;
      if (!index.has(to)) {
        connect(to);
        low.set(id, Math.min(low.get(id)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(id, Math.min(low.get(id)!, index.get(to)!));
      }
    }
    if (low.get(id) === index.get(id)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== id);
      components.push(component);
    }
  };
  for (const id of nodes) if (!index.has(id)) connect(id);

  const order = new Map(nodes.map((id, position) => [id, position]));
  return components
    .filter((component) => {
      const members = new Set(component);
      const edges = component.flatMap((id) => out.get(id) ?? []);
      const isCycle = component.length > 1 || edges.some((edge) => edge.to === component[0]);
      return isCycle && edges.every((edge) => members.has(edge.to));
    })
    .map((component) => component.sort((a, b) => order.get(a)! - order.get(b)!))
    .sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!);
}
