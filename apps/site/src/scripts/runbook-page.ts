// The runbook page in the browser: a checklist kept in localStorage (it survives a reload), parameters that fill
// the commands as L2 types (kept in sessionStorage: customer identifiers do not outlive the tab), copy buttons,
// and "what changed since the version you last opened".

/** localStorage key of a runbook's checklist: `{ done: string[] }`. */
export const checklistKey = (id: string) => `kb-runbook-checklist:${id}`;
/** sessionStorage key of a runbook's parameter values. */
export const parametersKey = (id: string) => `kb-runbook-parameters:${id}`;
/** localStorage key of the last version of a runbook the engineer opened. */
export const seenVersionKey = (id: string) => `kb-runbook-seen:${id}`;

function read<T>(storage: Storage, key: string, fallback: T): T {
  try {
    const value = storage.getItem(key);
    return value === null ? fallback : (JSON.parse(value) as T);
  } catch {
    return fallback;
  }
}

function write(storage: Storage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the page still works, it just forgets on reload.
  }
}

/** Compares `x.y.z` versions: negative when `a` is older. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split(/[-+]/)[0]!.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Copies text, with the Clipboard API when allowed and a hidden textarea otherwise. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

function initChecklist(root: HTMLElement, id: string): void {
  const boxes = [...root.querySelectorAll<HTMLInputElement>('[data-step-done]')];
  const progress = root.querySelector<HTMLElement>('[data-progress]');
  const done = new Set(read<{ done?: string[] }>(localStorage, checklistKey(id), {}).done ?? []);
  const render = () => {
    for (const box of boxes) {
      const step = box.dataset.stepDone ?? '';
      box.checked = done.has(step);
      box.closest('.runbook-step')?.classList.toggle('is-done', box.checked);
    }
    if (progress) progress.textContent = `${boxes.filter((box) => box.checked).length} of ${boxes.length} steps done`;
  };
  for (const box of boxes) {
    box.addEventListener('change', () => {
      if (box.checked) done.add(box.dataset.stepDone ?? '');
      else done.delete(box.dataset.stepDone ?? '');
      write(localStorage, checklistKey(id), { done: [...done] });
      render();
    });
  }
  root.querySelector('[data-reset]')?.addEventListener('click', () => {
    done.clear();
    write(localStorage, checklistKey(id), { done: [] });
    render();
  });
  render();
}

function initParameters(root: HTMLElement, id: string): void {
  const inputs = [...root.querySelectorAll<HTMLInputElement>('[data-param-input]')];
  const values = read<Record<string, string>>(sessionStorage, parametersKey(id), {});
  const apply = (input: HTMLInputElement) => {
    const name = input.dataset.paramInput ?? '';
    const value = input.value.trim();
    const valid = value === '' || new RegExp(`^(?:${input.dataset.pattern ?? ''})$`, 'u').test(value);
    input.setAttribute('aria-invalid', String(!valid));
    const error = input.parentElement?.querySelector<HTMLElement>('[data-param-error]');
    if (error) error.hidden = valid;
    // Only a valid value goes into commands: a half-typed id must not be copied into a terminal.
    for (const slot of root.querySelectorAll<HTMLElement>(`[data-param="${CSS.escape(name)}"]`)) {
      const filled = value !== '' && valid;
      slot.textContent = filled ? value : `{${name}}`;
      slot.classList.toggle('is-filled', filled);
    }
  };
  for (const input of inputs) {
    input.value = values[input.dataset.paramInput ?? ''] ?? '';
    apply(input);
    input.addEventListener('input', () => {
      values[input.dataset.paramInput ?? ''] = input.value.trim();
      write(sessionStorage, parametersKey(id), values);
      apply(input);
    });
  }
  root.querySelector('[data-parameters]')?.addEventListener('submit', (event) => event.preventDefault());
}

function initCopy(root: HTMLElement): void {
  const status = root.querySelector<HTMLElement>('[data-copy-status]');
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-copy]')) {
    button.addEventListener('click', async () => {
      const code = button.closest('.command')?.querySelector<HTMLElement>('[data-command]');
      if (!code) return;
      const copied = await copyText(code.textContent ?? '');
      const message = copied ? 'Copied to the clipboard' : 'Copy failed: select the command and copy it';
      if (status) status.textContent = message;
      button.dataset.copied = String(copied);
      button.firstChild!.textContent = copied ? 'Copied' : 'Copy';
      setTimeout(() => {
        button.firstChild!.textContent = 'Copy';
      }, 2000);
    });
  }
}

function initWhatsNew(root: HTMLElement, id: string): void {
  const current = root.dataset.version ?? '0.0.0';
  const seen = read<string | null>(localStorage, seenVersionKey(id), null);
  const box = root.querySelector<HTMLElement>('[data-whats-new]');
  if (box && seen !== null && compareVersions(current, seen) > 0) {
    const entries = [...box.querySelectorAll<HTMLElement>('[data-change-version]')].filter((entry) => compareVersions(entry.dataset.changeVersion ?? '0.0.0', seen) > 0);
    for (const entry of entries) entry.hidden = false;
    const label = box.querySelector('[data-seen-version]');
    if (label) label.textContent = seen;
    box.hidden = entries.length === 0;
  }
  write(localStorage, seenVersionKey(id), current);
}

/** Wires the runbook page: checklist, parameters, copy buttons, print, what changed. */
export function initRunbookPage(): void {
  const root = document.querySelector<HTMLElement>('[data-runbook]');
  if (!root) return;
  const id = root.dataset.runbook ?? '';
  initChecklist(root, id);
  initParameters(root, id);
  initCopy(root);
  initWhatsNew(root, id);
  root.querySelector('[data-print]')?.addEventListener('click', () => window.print());
}
