// Small HTTP helpers for the tests: real requests to a real listening collector.

/** POSTs a body (object → JSON, string as is) and returns status, headers and parsed answer. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A GET on the read API with the given token. */
export async function read(url: string, route: string, token?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${url}${route}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
