// The case form posts to the configured endpoint; without one it shows a summary the customer can send another way.
export function initCaseForm(): void {
  const form = document.querySelector<HTMLFormElement>('[data-case-form]');
  if (!form) return;
  const params = new URLSearchParams(location.search);
  for (const field of form.querySelectorAll<HTMLInputElement>('[data-from-query]')) {
    field.value = params.get(field.dataset.fromQuery ?? '') ?? '';
  }
  form.addEventListener('submit', (event) => {
    if (form.dataset.endpoint) return;
    event.preventDefault();
    const summary = form.querySelector<HTMLOutputElement>('[data-case-summary]');
    if (!summary) return;
    const data = new FormData(form);
    const lines = [...data.entries()].map(([key, value]) => `${key}: ${String(value)}`);
    summary.hidden = false;
    summary.replaceChildren(Object.assign(document.createElement('p'), { textContent: form.dataset.noEndpoint ?? '' }), Object.assign(document.createElement('pre'), { textContent: lines.join('\n') }));
  });
}
