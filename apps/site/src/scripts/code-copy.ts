// Copy buttons on code blocks: each `pre.code-block` gets a bar with its language and a button that copies the
// code's text. Long lines scroll inside the block (global.css), they are never clipped or wrapped.

/** Adds a copy button to every code block inside `root`. Labels come from the container's data attributes. */
export function initCodeCopy(root: ParentNode = document): void {
  const host = document.querySelector<HTMLElement>('[data-copy-labels]');
  const labels = { copy: host?.dataset.copy ?? 'Copy', copied: host?.dataset.copied ?? 'Copied', failed: host?.dataset.copyFailed ?? 'Select the text and copy it', name: host?.dataset.copyCode ?? 'Copy code' };
  const status = document.querySelector<HTMLElement>('[data-copy-status]');
  for (const pre of root.querySelectorAll<HTMLPreElement>('pre.code-block')) {
    if (pre.parentElement?.classList.contains('code-frame')) continue;
    const frame = document.createElement('div');
    frame.className = 'code-frame';
    const tools = document.createElement('div');
    tools.className = 'code-tools';
    const language = document.createElement('span');
    language.className = 'code-lang';
    language.textContent = pre.dataset.language && pre.dataset.language !== 'text' ? pre.dataset.language : '';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = labels.copy;
    button.setAttribute('aria-label', labels.name);
    button.addEventListener('click', async () => {
      const text = (pre.querySelector('code') ?? pre).textContent ?? '';
      let message = labels.copied;
      try {
        await navigator.clipboard.writeText(text.replace(/\n$/, ''));
        button.dataset.copied = '';
        button.textContent = labels.copied;
      } catch {
        message = labels.failed;
        getSelection()?.selectAllChildren(pre);
      }
      if (status) status.textContent = message;
      window.setTimeout(() => {
        delete button.dataset.copied;
        button.textContent = labels.copy;
      }, 2000);
    });
    tools.append(language, button);
    pre.replaceWith(frame);
    frame.append(tools, pre);
  }
}
