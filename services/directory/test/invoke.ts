// The directory's HTTP handler, called in process against this worker's copy of the stack.
import { claimsFor, invoker } from '@liaison/kit/http/invoke';
import { handler } from '../src/handlers/http';
import { routes } from '../src/routes';

export const call = invoker(routes, handler);
export const organizer = claimsFor('organizer');
export { claimsFor };

/** Creates something as organiser and returns its body; throws with the answer if it was refused. */
export async function create(url: string, body: unknown): Promise<any> {
  const res = await call({ method: 'POST', url, body, claims: organizer });
  if (res.status !== 201) throw new Error(`POST ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
